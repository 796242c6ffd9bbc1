import { kernelCases } from '../../src/lib/kernels/cases';
import { expect, test } from './fixtures';

// The whole correctness table, in this browser, on every backend it has. A backend that
// cannot run says why; none is skipped silently.
test('every kernel on every available backend matches the float64 reference', async ({ page }, info) => {
	test.setTimeout(300_000);
	await page.goto('/bench/selftest');
	await page.getByRole('button', { name: 'Check my kernels' }).click();
	await expect(page.getByRole('button', { name: 'Check my kernels' })).toBeEnabled({ timeout: 280_000 });
	await expect(page.getByRole('alert')).toHaveCount(0);
	const allPassed = `All ${kernelCases.length} checks passed`;
	// Chromium has WebAssembly SIMD and threads, and the page is cross-origin isolated:
	// all three WebAssembly builds must really run here, like plain JavaScript.
	for (const backend of ['js', 'wasm-simd', 'wasm-scalar', 'wasm-simd-threads']) {
		const section = page.getByTestId(`selftest-${backend}`);
		await expect(section.getByTestId('unavailable'), `${backend} runs`).toHaveCount(0);
		await expect(section).toHaveAttribute('data-failed', '0');
		await expect(section).toContainText(allPassed);
	}
	await expect(page.getByTestId('selftest-wasm-simd-threads').getByRole('heading')).toHaveText(/WebAssembly SIMD, \d+ threads/);
	for (const section of await page.locator('[data-testid^="selftest-"]').all()) {
		const name = await section.getAttribute('data-testid');
		await expect(section, `${name} finished`).toHaveAttribute('data-done', 'true');
		await expect(section, `${name} has no failed case`).toHaveAttribute('data-failed', '0');
	}

	// WebGPU really runs where the browser has an adapter (SwiftShader here), and says why not where it has none.
	const webgpu = page.getByTestId('selftest-webgpu');
	if (info.project.name === 'webgpu') {
		await expect(webgpu.getByTestId('unavailable')).toHaveCount(0);
		await expect(webgpu.getByRole('heading')).toContainText('WebGPU (');
		await expect(webgpu).toContainText(allPassed);
		await expect(webgpu.locator('tbody tr')).toHaveCount(kernelCases.length);
	} else {
		await expect(webgpu.getByTestId('unavailable')).toContainText('no usable GPU adapter');
	}
});
