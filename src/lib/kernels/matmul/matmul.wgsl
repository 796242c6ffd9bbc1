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

// A[m, k], or 0 outside the matrix.
fn loadA(base: u32, m: u32, k: u32) -> f32 {
	if (m < p.m && k < p.k) {
		return a[base + m * p.k + k];
	}
	return 0.0;
}

// op(B)[k, n]: B[k, n], or B[n, k] for A·Bᵀ; 0 outside the matrix.
fn loadB(base: u32, k: u32, n: u32) -> f32 {
	if (n >= p.n || k >= p.k) {
		return 0.0;
	}
	if (TRANS_B) {
		return b[base + n * p.k + k];
	}
	return b[base + k * p.n + n];
}

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
		// Each invocation stages whole vec4s (4 rows of A, or 4 columns of B, at one depth);
		// consecutive invocations take consecutive k where memory runs along k.
		for (var v = li; v < TILE_A_VECS; v = v + threads) {
			let r = v / TILE_K;
			let kk = v % TILE_K;
			let m = row0 + 4u * r;
			let gk = k0 + kk;
			tileA[kk * WG_Y + r] = vec4f(loadA(aBase, m, gk), loadA(aBase, m + 1u, gk), loadA(aBase, m + 2u, gk), loadA(aBase, m + 3u, gk));
		}
		for (var v = li; v < TILE_B_VECS; v = v + threads) {
			var c: u32;
			var kk: u32;
			if (TRANS_B) {
				c = v / TILE_K;
				kk = v % TILE_K;
			} else {
				kk = v / WG_X;
				c = v % WG_X;
			}
			let n = col0 + 4u * c;
			let gk = k0 + kk;
			tileB[kk * WG_X + c] = vec4f(loadB(bBase, gk, n), loadB(bBase, gk, n + 1u), loadB(bBase, gk, n + 2u), loadB(bBase, gk, n + 3u));
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
