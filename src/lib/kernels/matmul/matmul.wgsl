// C[z] = alpha · A[z] · op(B[z]) (+ bias) (then ReLU), op(B) = B or Bᵀ, z the batch index.
//
// Tiled and register-blocked: a workgroup of WG_X × WG_Y invocations computes a
// TILE_M × TILE_N block of C (TILE_M = 4·WG_Y, TILE_N = 4·WG_X). For each TILE_K-deep slice
// of the reduction it stages the A and B slices in workgroup memory, then every invocation
// accumulates its own 4×4 block of C in registers from them, one vec4 multiply-add per row.
// Loads are bounds-checked (zero outside), so M, N and K need not be multiples of a tile.

struct Params {
	m: u32,
	n: u32,
	k: u32,
	strideA: u32,
	strideB: u32,
	strideC: u32,
	alpha: f32,
}

override WG_X: u32;
override WG_Y: u32;
override TILE_K: u32;
override TRANS_B: bool = false;
// 0: no bias; 1: one per column (dense layer); 2: one per row (conv output channel).
override BIAS: u32 = 0u;
override RELU: bool = false;

// The staged slices, as vec4s along M (A) and N (B): entry kk·WG_Y + r holds rows 4r..4r+3 of depth kk.
override TILE_A_VECS: u32 = TILE_K * WG_Y;
override TILE_B_VECS: u32 = TILE_K * WG_X;
var<workgroup> tileA: array<vec4f, TILE_A_VECS>;
var<workgroup> tileB: array<vec4f, TILE_B_VECS>;

@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read> bias: array<f32>;
@group(0) @binding(3) var<storage, read_write> c: array<f32>;
@group(0) @binding(4) var<uniform> p: Params;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u, @builtin(local_invocation_index) li: u32) {
	let tileM = 4u * WG_Y;
	let tileN = 4u * WG_X;
	let threads = WG_X * WG_Y;
	let row0 = wg.y * tileM;
	let col0 = wg.x * tileN;
	let aBase = wg.z * p.strideA;
	let bBase = wg.z * p.strideB;

	var acc = array<vec4f, 4>(vec4f(0.0), vec4f(0.0), vec4f(0.0), vec4f(0.0));
	for (var k0 = 0u; k0 < p.k; k0 = k0 + TILE_K) {
		// A is [M, K] row-major: consecutive invocations read consecutive k.
		for (var e = li; e < tileM * TILE_K; e = e + threads) {
			let m = e / TILE_K;
			let kk = e % TILE_K;
			let gm = row0 + m;
			let gk = k0 + kk;
			var v = 0.0;
			if (gm < p.m && gk < p.k) {
				v = a[aBase + gm * p.k + gk];
			}
			tileA[kk * WG_Y + m / 4u][m % 4u] = v;
		}
		// B is [K, N] (consecutive n) or, for A·Bᵀ, [N, K] (consecutive k).
		for (var e = li; e < tileN * TILE_K; e = e + threads) {
			var n: u32;
			var kk: u32;
			if (TRANS_B) {
				n = e / TILE_K;
				kk = e % TILE_K;
			} else {
				kk = e / tileN;
				n = e % tileN;
			}
			let gn = col0 + n;
			let gk = k0 + kk;
			var v = 0.0;
			if (gn < p.n && gk < p.k) {
				if (TRANS_B) {
					v = b[bBase + gn * p.k + gk];
				} else {
					v = b[bBase + gk * p.n + gn];
				}
			}
			tileB[kk * WG_X + n / 4u][n % 4u] = v;
		}
		workgroupBarrier();
		for (var kk = 0u; kk < TILE_K; kk = kk + 1u) {
			let av = tileA[kk * WG_Y + lid.y];
			let bv = tileB[kk * WG_X + lid.x];
			acc[0] = fma(vec4f(av.x), bv, acc[0]);
			acc[1] = fma(vec4f(av.y), bv, acc[1]);
			acc[2] = fma(vec4f(av.z), bv, acc[2]);
			acc[3] = fma(vec4f(av.w), bv, acc[3]);
		}
		workgroupBarrier();
	}

	let cBase = wg.z * p.strideC;
	for (var i = 0u; i < 4u; i = i + 1u) {
		let row = row0 + lid.y * 4u + i;
		for (var j = 0u; j < 4u; j = j + 1u) {
			let col = col0 + lid.x * 4u + j;
			if (row < p.m && col < p.n) {
				var v = p.alpha * acc[i][j];
				if (BIAS == 1u) {
					v = v + bias[col];
				} else if (BIAS == 2u) {
					v = v + bias[row];
				}
				if (RELU) {
					v = max(v, 0.0);
				}
				c[cBase + row * p.n + col] = v;
			}
		}
	}
}
