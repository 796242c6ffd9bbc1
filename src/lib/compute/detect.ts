import type { ComputeReport, WebgpuInfo } from '$lib/schemas/compute';
import { detectWasmFeatures } from './wasm-features';

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|lavapipe|softpipe|warp|basic render/i;

type WebgpuResult = ComputeReport['webgpu'];

/** Asks for a WebGPU adapter; when there is none, says why in words a student can act on. */
export async function requestWebgpuAdapter(): Promise<{ adapter: GPUAdapter } | { reason: string }> {
	if (!('gpu' in navigator) || !navigator.gpu) {
		const secure = typeof isSecureContext === 'boolean' ? isSecureContext : true;
		return {
			reason: secure
				? 'This browser has no WebGPU (navigator.gpu is missing). Chrome or Edge 113+ on Windows, macOS or ChromeOS have it; on Linux it may need to be enabled.'
				: 'WebGPU needs a secure page (https or localhost); open the app through one.'
		};
	}
	let adapter: GPUAdapter | null;
	try {
		adapter = await navigator.gpu.requestAdapter();
	} catch (err) {
		return { reason: `The browser refused a WebGPU adapter: ${(err as Error).message}` };
	}
	if (!adapter) {
		return {
			reason:
				'The browser has WebGPU but found no usable GPU adapter (requestAdapter() returned null): the GPU or its driver is blocklisted, or WebGPU is turned off on this machine.'
		};
	}
	return { adapter };
}

/** Asks for a WebGPU adapter and describes it, or says why there is none. */
export async function detectWebgpu(): Promise<WebgpuResult> {
	const got = await requestWebgpuAdapter();
	return 'reason' in got ? { available: false, reason: got.reason } : describeAdapter(got.adapter);
}

export function describeAdapter(adapter: GPUAdapter): WebgpuInfo {
	const info = adapter.info;
	const isFallbackAdapter = Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ??
		(adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter);
	const identity = [info.vendor, info.architecture, info.device, info.description].join(' ');
	const l = adapter.limits;
	return {
		available: true,
		vendor: info.vendor,
		architecture: info.architecture,
		device: info.device,
		description: info.description,
		isFallbackAdapter,
		software: isFallbackAdapter || SOFTWARE_RENDERERS.test(identity),
		features: [...adapter.features].sort(),
		limits: {
			maxBufferSize: l.maxBufferSize,
			maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
			maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
			maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
			maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX
		}
	};
}

/** The full adapter card; runs in a worker or on the page. */
export async function detectCompute(): Promise<ComputeReport> {
	const nav = navigator as Navigator & { deviceMemory?: number; userAgentData?: { platform?: string } };
	return {
		schema: 'tito-web/compute@1',
		detectedAt: new Date().toISOString(),
		webgpu: await detectWebgpu(),
		wasm: detectWasmFeatures(),
		crossOriginIsolated: Boolean(globalThis.crossOriginIsolated),
		hardwareConcurrency: nav.hardwareConcurrency ?? 1,
		deviceMemoryGb: nav.deviceMemory ?? null,
		userAgent: nav.userAgent,
		platform: nav.userAgentData?.platform ?? null
	};
}
