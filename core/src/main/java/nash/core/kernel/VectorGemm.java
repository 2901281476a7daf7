package nash.core.kernel;

import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.function.IntConsumer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C (+)= op(A)·op(B) as in BLIS/GotoBLAS: packed panels, cache blocking, a register-blocked
 * Vector API micro-kernel, parallel over a fixed partition of C.
 *
 * <p>Why it is fast. The micro-kernel keeps an MR×NR block of C in registers (4 rows × 4 vectors
 * = 16 accumulators on 32-register machines, 6 × 2 = 12 on 16-register ones) and per step p
 * loads NR/LANES vectors of B and broadcasts MR values of A (16 FMAs for 8 loads). The operands
 * come from packed copies that the kernel reads strictly sequentially: A as micro-panels
 * [kc][MR], B as micro-panels [kc][NR], zero-padded at the edges, so one kernel serves every
 * shape and every transpose (the packing reads A, Aᵀ, B or Bᵀ; nothing else knows about
 * transposes). A and B are packed once per call, up front, in parallel tasks, and the tiles of C only
 * read them; except that a row-major A is read unpacked when n is narrow (see DIRECT_A_PANELS), and
 * a B too large for L2 is packed by each tile, block by block, just before use (see blockB).
 * Blocking: the innermost loop runs down the row blocks of a tile with one B micro-panel (kc×NR,
 * half to two thirds of L1, on a cache line: see AlignedArrays) staying in L1, while the A micro-panels (of an
 * MC×kc block in L2) stream past it at MR values per step; were B's NR values per step to come from L2 instead,
 * L2's bandwidth, not the FMA units, would set the pace (derivation and measurements: docs/gemm.md) — except for a
 * product written in one k-block, where sparing C a clearing pass is worth more (see ROW_ORDER).
 *
 * <p>Determinism. Every element of C is computed as one chain of fused multiply-adds,
 * c ← fma(a[i,p], b[p,j], c) for p ascending, starting from C (accumulate) or +0: the kernel
 * loads its block of C, adds a k-panel, stores it back. So the bits depend on nothing but the
 * operands: not the blocking, the tiling, the vector width, nor the thread count. Tasks are tiles
 * of C fixed by the shapes alone; a tile that packs its own block of B does so into its own region of the call's
 * packed array (see packed).
 */
final class VectorGemm implements Gemm, IntConsumer {

    /** Below this many multiply-adds the plain loop is faster than packing. */
    static final long SMALL_WORK = 1L << 12;
    /** Below this many multiply-adds a GEMM runs on the calling thread. */
    static final long PARALLEL_WORK = 1L << 19;
    /**
     * Computing Cᵀ (see gemm) pays from this depth on; below it the tiles' transposed write-back
     * costs more than packing Bᵀ (64×k×n:NT against OpenBLAS: k = 8, 16 lose; 32 even; 100 gains 25%).
     */
    static final int SWAP_MIN_K = 64;
    /**
     * A row-major A is read where it lies, unpacked, when each of its values is used by at most this many
     * B micro-panels (n ≤ 4·NR): packing it would cost about as much as the product (a GAN layer's
     * forward, computed as Cᵀ = W·xᵀ with n = batch 64: 1.1–1.6× faster). For wider B, the packed
     * micro-panels' locality wins (1024³: 10% slower unpacked).
     */
    static final int DIRECT_A_PANELS = 4;
    /** Tiles of C are shrunk until there are at least this many (when the work allows). */
    static final int MIN_TASKS = 8;
    /**
     * Up to this depth, a product that overwrites C starts each register block's chains from zero registers
     * (kernel4x4Zero) instead of clearing C first and loading it: with few steps per element the clearing pass (a
     * write of C, then the kernel's read of it) costs a large part of the product. Same JVM pairs, two threads: the
     * GAN layers' weight gradients (TN, k = batch 64) 1.15–1.3×, 64×12544×16 (a DCGAN critic's one-channel first
     * layer) 1.14–1.5×; one thread 256×256×16 1.77×. From k = 100 on it lost (0.84–0.92×: 1024×1568×128:TN,
     * 512×512×100, 128×1568×128) — the kernel's stores then miss the cache, where the clearing had brought the lines in.
     * Every fresh single block now runs in row order (see ROW_ORDER), from zero registers; this depth still applies
     * with -Dnash.gemm.rowOrder=false.
     * (Running the zero start through the edge block, or giving kernel4x4 a separate source block, measured no
     * gain and an 18% slower kernel on JDK 17, respectively.)
     */
    static final int ZERO_START_K = Integer.getInteger("nash.gemm.zeroStartK", 64);
    /**
     * Whether a product that overwrites C with a single k-block (a DCGAN layer's 1024×3136×128:TN, a GAN layer's
     * weight gradient with k = 64) runs its register blocks along the rows of C instead of down a B panel, from zero
     * registers. Down a panel, each block's 16 lines of C lie a row apart, which no prefetcher follows, so C had
     * to be cleared first (13% of that product's time) for the kernel to find it in cache. Along a row, the kernel's
     * stores run forward through four rows of C, which the prefetchers do follow, and nothing is cleared or read;
     * the price is that each row block reads the tile's B block from L2 rather than its panel from L1, so a tile is
     * narrower (rowTileColumns). Same JVM, alternating, two threads: 1024×3136×128 and 1024×1568×128:TN 1.13–1.34×.
     * For k ≤ 64 (chains from zero registers down the panels until the ninth session) 0.98–1.29× on hot operands and
     * 1.06–1.96× on cold ones, as a training step finds them (the GAN layers' weight gradients 512×784×64:TN 1.45×,
     * 784×512×64:TN 1.29×); several k-blocks (1024³ 1.0–1.05×, 64-row GAN layers 0.93×) not.
     */
    static final boolean ROW_ORDER = Boolean.parseBoolean(System.getProperty("nash.gemm.rowOrder", "true"));
    /** Depth from which a product with n ≤ 2·LANES takes the narrow path (see narrow); shallower ones are small. */
    static final int NARROW_MIN_K = 256;
    /** Rows of the narrow kernel: 8 rows × 2 vectors, 16 accumulators. */
    private static final int NARROW_MR = 8;
    /** Blocks of k in which a narrow product's B is packed (in parallel: a memory-bound copy). */
    private static final int NARROW_PACKS = 4;
    /**
     * Rows of a row-major B that packB copies side by side, a panel's width from each in turn: so many read streams
     * in flight at once let memory deliver more than one row after another does (a 128-row block of a 3136-wide B:
     * 1.0–1.1 ns a value one row at a time, 0.82 with 4 rows, 0.74 with 8, 0.67–0.74 with 16, 0.95 with 32, 1.56
     * with 64 — past what the prefetchers track). Same JVM, two threads: 128×3136×1024:NN 1.05–1.09×, the GAN layers'
     * dY·W 64×512×784 1.17–1.21×, 64×784×512 1.07–1.11×, 64×512×256 1.1×; 512³ and 1024³ unchanged.
     */
    private static final int PACK_ROWS = 16;
    /** Multiply-adds per task of a thin product (see thin): enough to outweigh handing the task to a thread. */
    static final int THIN_TASK_WORK = 1 << 16;

    /** This copy's species, a constant for C2 (see {@link KernelsProvider#specialize}). */
    static final VectorSpecies<Double> SPECIES = VectorKernels.speciesOf(KernelsProvider.classBits(MethodHandles.lookup()));
    static final int LANES = SPECIES.length();
    /** Columns of the narrow kernel and of its packed B rows: two vectors (see narrow). */
    private static final int NARROW_NR = 2 * LANES;
    /** Vectors per row of the register block: 4 with AVX-512's 32 vector registers, 2 with 16. */
    static final int NV = DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512 ? 4 : 2;
    /** Rows of the register block: 4 × 4 vectors = 16 accumulators, or 6 × 2 = 12 (see the kernels). */
    static final int MR = NV == 4 ? 4 : 6;
    /** Columns of the register block. */
    static final int NR = NV * LANES;
    /**
     * Nominal depth of the packed panels: a B micro-panel KC×NR fills half of L1 (48 KiB, NR 32 → 96); a call's
     * blocks are k split evenly into blocks of at most 4/3·KC (see depth). The B micro-panel is
     * the operand the innermost loop (over row blocks) reuses; the A micro-panels stream from L2 at
     * MR values per step, where B's NR would be more than L2 can deliver at two FMAs per cycle.
     */
    static final int KC = Math.max(1, Integer.getInteger("nash.gemm.kc", clamp(roundDown(CacheSizes.L1D / (2 * NR * 8), 16), 64, 1024)));
    /** Rows of a packed A block (MC×KC takes a quarter of L2; a third with the deepest blocks, 4/3·KC). */
    static final int MC = roundUp(Math.max(MR, Integer.getInteger("nash.gemm.mc", clamp(roundDown(CacheSizes.L2 / (4 * KC * 8), MR), 2 * MR, 60 * MR))), MR);
    /** Columns of a packed B panel (KC×NC takes half of L2; two thirds with the deepest blocks, 4/3·KC). */
    static final int NC = roundUp(Math.max(NR, Integer.getInteger("nash.gemm.nc", clamp(roundDown(CacheSizes.L2 / (2 * KC * 8), NR), NR, 64 * NR))), NR);
    /**
     * Columns of a tile run in row order (see ROW_ORDER): its kc×tn block of B, re-read from L2 by every row block,
     * takes a quarter of L2 (320 at kc 128: 128–448 measured within 5% of each other).
     */
    private static int rowTileColumns(int kc) { return clamp(roundDown(CacheSizes.L2 / (4 * kc * 8), NR), NR, NC); }

    /**
     * Per thread: [0] a scratch tile of C (column panels, see tile) or Cᵀ (up to MC·NC·8 bytes; 4·MC·rowTileColumns·8
     * in row order), [1] the packed operands
     * (see packed), [2] an edge block.
     * A thread keeps the largest it needed (the caller about (m·k + k·n)·8 bytes), so training
     * loops allocate nothing. Slots 0 and 1, which the kernel reads and writes as whole vectors, are
     * used from index {@link #ALIGN} on: a cache-line boundary where the JVM lets that be known.
     * (A plain ThreadLocal, no lambdas: a lambda in a hidden class cannot name its class.)
     */
    private static final ThreadLocal<double[][]> BUFFERS = new ThreadLocal<>();
    /** First index of slots 0 and 1 (see {@link AlignedArrays}). */
    private static final int ALIGN = AlignedArrays.OFFSET;

    // One call: operands, the packed copies, the partition (tiles tm×tn of C, tilesN per row of tiles),
    // and which phase accept() runs; unused in the entry instance. C[i,j] is at cOff + i·csr + j·csc:
    // (n, 1) normally, (1, m) when the product computed is Cᵀ (see gemm), whose rows are C's columns.
    private final boolean transA, transB, accumulate;
    private final int kc, m, n, k, aOff, bOff, cOff, csr, csc, mPad, nPad, tm, tn, tilesN, aAt;
    private final double[] a, b, c;
    /**
     * The packed operands, one array (the calling thread's slot 1): B's micro-panels from ALIGN (all of k, or with
     * blockB one k-block, each tile's columns at j0·kc), then A's from aAt; for a narrow product, its B as rows of
     * NARROW_NR from ALIGN (see packNarrow). One array, not two: the kernel then needs
     * one base address, and on JDK 25 C2 otherwise kept the two bases in vector registers and moved them into general
     * ones at every step — two µops on an FMA port per 16 FMAs, the kernel 12% slower (docs/gemm.md).
     */
    private final double[] packed;
    private final boolean directA, blockB, rows;
    /** Several k-blocks: each tile is computed in a scratch of column panels (see tile). */
    private final boolean panels;
    /**
     * What accept(t) runs: pack a block (PACK), compute a tile (TILES), rows of a thin product (THIN), pack a block
     * of k of a narrow product's B (NARROW_PACK) or compute its rows (NARROW).
     */
    private int phase;
    private static final int PACK = 0, TILES = 1, THIN = 2, NARROW = 3, NARROW_PACK = 4;

    /** The entry instance, created by {@link KernelsProvider#specialize}, one per species. */
    VectorGemm() { this(false, false, 0, 0, 0, null, 0, null, 0, null, 0, 0, 0, false, null, 0, KC, 1, 1, 1, false, false, false); }

    private VectorGemm(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                       double[] c, int cOff, int csr, int csc, boolean accumulate, double[] packed, int aAt, int kc,
                       int tm, int tn, int tilesN, boolean directA, boolean blockB, boolean rows) {
        this.transA = transA; this.transB = transB; this.accumulate = accumulate;
        this.kc = kc; this.m = m; this.n = n; this.k = k; this.a = a; this.aOff = aOff; this.b = b; this.bOff = bOff;
        this.c = c; this.cOff = cOff; this.csr = csr; this.csc = csc;
        this.packed = packed; this.aAt = aAt; this.directA = directA; this.blockB = blockB; this.rows = rows; this.panels = k > kc; this.mPad = roundUp(m, MR); this.nPad = roundUp(n, NR); this.tm = tm; this.tn = tn; this.tilesN = tilesN;
    }

    private static int clamp(int v, int lo, int hi) { return Math.max(lo, Math.min(hi, v)); }

    private static int roundDown(int v, int q) { return v / q * q; }

    private static int roundUp(int v, int q) { return (v + q - 1) / q * q; }

    @Override public void gemm(boolean transA, boolean transB, int m, int n, int k,
              double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0) {
            if (!accumulate) for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * n, cOff + (i + 1) * n, 0.0);
            return;
        }
        switch (route(transA, transB, m, n, k)) {
            case THIN -> thin(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            case NARROW -> narrowProduct(transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            case SMALL -> small(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
            case BLOCKED_CT -> blocked(!transB, !transA, n, m, k, b, bOff, a, aOff, c, cOff, 1, n, accumulate);
            case BLOCKED -> blocked(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, n, 1, accumulate);
        }
    }

    /** The loops a product runs through. Every route computes the same FMA chain per element, so the bits never depend on it. */
    enum Route {
        /** A single row or column of C, or k = 1: see {@link #thin}. */
        THIN,
        /** At most two vectors' columns and a long k: see {@link #narrowProduct}. */
        NARROW,
        /** Too little work to pay for packing: see {@link #small}. */
        SMALL,
        /** Packed and blocked: see {@link #blocked}. */
        BLOCKED,
        /** Packed and blocked as Cᵀ = op(B)ᵀ·op(A)ᵀ, each tile written back transposed. */
        BLOCKED_CT
    }

    /** The route of C (+)= op(A)·op(B), C m×n, for m, n, k ≥ 1: the shape alone decides it. */
    static Route route(boolean transA, boolean transB, int m, int n, int k) {
        if (k == 1 || n == 1 || m == 1) return Route.THIN;
        if (narrow(transA, m, n, k)) return Route.NARROW;
        if ((long) m * n * k < SMALL_WORK) return Route.SMALL;
        // Packing a transposed B is a transpose (slow); packing a transposed A is not. So when B is
        // transposed and A is the smaller operand, compute Cᵀ = op(B)·op(A)ᵀ instead: the roles swap,
        // and the transpose falls on A. Each tile is then computed in a scratch block and written back
        // transposed, worth it once k is not short. Cᵀ also when it pads the register blocks less (see lessPaddedAsCt).
        boolean ct = transB && (transA || (n > m && k >= SWAP_MIN_K)) || k >= SWAP_MIN_K && lessPaddedAsCt(m, n);
        return ct ? Route.BLOCKED_CT : Route.BLOCKED;
    }

    /**
     * Whether Cᵀ (n×m) fills its MR×NR register blocks at least 10% better than C: with 4×32 blocks, n = 100 computes
     * 128 columns, while as Cᵀ its 100 rows are 25 blocks of 4 (64×100×256: 1.12×; 1000×70×200 1.13×; 64×100×512:TN
     * 1.34×; 64×40×512 1.05×; same JVM, alternating, two threads). Packing the other operand transposed and writing
     * the tiles back transposed cost less than the padded FMAs once k ≥ SWAP_MIN_K.
     */
    private static boolean lessPaddedAsCt(int m, int n) {
        return (long) roundUp(n, MR) * roundUp(m, NR) * 10 < (long) roundUp(m, MR) * roundUp(n, NR) * 9;
    }

    /** The packed, blocked product C (+)= op(A)·op(B), C[i,j] at cOff + i·csr + j·csc. */
    private static void blocked(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff,
                                double[] b, int bOff, double[] c, int cOff, int csr, int csc, boolean accumulate) {
        long work = (long) m * n * k;
        // The partition: tiles tm×tn of C, shrunk from the cache blocks until there are enough tasks.
        // Balanced: 128 rows are two tiles of 66, not 126 + 2 (a 2-row tile would pack a whole B panel for 2 rows).
        // In row order (see ROW_ORDER) a tile is rowTileColumns wide and up to 4·MC tall: no operand it keeps in cache grows
        // with its height, while each tile reads its B block from L3 once (a cap, so that a Cᵀ tile's scratch stays a few MB).
        int kc = depth(k), kBlocks = ceilDiv(k, kc);
        boolean directA = directA(transA, n), rows = rowOrder(accumulate, k, kc, directA);
        int tm = roundUp(ceilDiv(m, ceilDiv(m, rows ? 4 * MC : MC)), MR);
        int tn = roundUp(ceilDiv(n, ceilDiv(n, rows ? rowTileColumns(kc) : NC)), NR);
        if (work >= PARALLEL_WORK) {
            while (ceilDiv(m, tm) * ceilDiv(n, tn) < MIN_TASKS) {
                int tn2 = roundUp(tn / 2, NR), tm2 = roundUp(tm / 2, MR);
                if (tn2 < tn && (tn >= tm || tm2 >= tm)) tn = tn2;
                else if (tm2 < tm && tm2 >= 2 * MR) tm = tm2;
                else break;
            }
        }
        int tilesN = ceilDiv(n, tn), tiles = ceilDiv(m, tm) * tilesN;
        // A and B are packed once, up front, into the calling thread's array (unless directA, blockB); the tiles only read them.
        boolean blockB = blockB(m, n, k, tm);
        int bSize = roundUp(n, NR) * (blockB ? kc : k), aAt = ALIGN + roundUp(bSize, AlignedArrays.LINE / Double.BYTES);
        double[] packed = buffer(1, aAt - ALIGN + (directA ? 0 : roundUp(m, MR) * k));
        VectorGemm call = new VectorGemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, csr, csc, accumulate, packed, aAt,
                kc, tm, tn, tilesN, directA, blockB, rows);
        int packs = kBlocks * (call.groupsA() + call.groupsB());
        boolean parallel = work >= PARALLEL_WORK;
        call.phase = PACK;
        if (parallel && packs > 1) Parallel.run(packs, call);
        else for (int t = 0; t < packs; t++) call.accept(t);
        call.phase = TILES;
        if (parallel && tiles > 1) Parallel.run(tiles, call);
        else for (int t = 0; t < tiles; t++) call.accept(t);
    }

    /**
     * Packing phase: task t packs, for k-block q, either rows [g·MC, (g+1)·MC) of A to aAt + pc·mPad + i0·kb
     * (a row-major A: the q-th share of those rows, over every k-block) or columns [g·NC, (g+1)·NC) of B to
     * ALIGN + pc·nPad + j0·kb (block q: micro-panels kb×MR, kb×NR).
     * Compute phase: task t computes tile (t / tilesN, t % tilesN) of C.
     */
    @Override public void accept(int t) {
        if (phase == TILES) {
            tile(t / tilesN * tm, t % tilesN * tn);
            return;
        }
        if (phase == NARROW) {
            narrowRows(t * tm, Math.min(m, (t + 1) * tm));
            return;
        }
        if (phase == NARROW_PACK) {
            int per = ceilDiv(k, NARROW_PACKS);
            packNarrow(t * per, Math.min(k, (t + 1) * per));
            return;
        }
        if (phase == THIN) {
            int r0 = t * tm, r1 = Math.min(m, r0 + tm);
            if (k == 1) outerRows(r0, r1);
            else matVecRows(r0, r1);
            return;
        }
        int groupsA = groupsA(), groups = groupsA + groupsB(), pc = t / groups * kc, g = t % groups;
        int kb = Math.min(kc, k - pc);
        if (g < groupsA) {
            int i0 = g * MC, mg = Math.min(MC, m - i0);
            if (transA) packTransposedA(a, aOff, m, pc, kb, i0, mg, packed, aAt + pc * mPad + i0 * kb);
            else { // the group's rows shared among its k-block tasks, each share packed over all of k (see packRowsOfA)
                int share = roundUp(ceilDiv(mg, ceilDiv(k, kc)), MR), q = pc / kc;
                if (q * share < mg) packRowsOfA(i0 + q * share, Math.min(share, mg - q * share));
            }
        } else {
            int j0 = (g - groupsA) * NC;
            packB(transB, b, bOff, n, k, pc, kb, j0, Math.min(NC, n - j0), packed, ALIGN + pc * nPad + j0 * kb);
        }
    }

    /**
     * Products where a register block would be mostly padding (C a single row or column: a linear layer with one
     * output, its gradients; or k = 1), 10–30× slower through the blocked path. n = 1: C = op(A)·b, a matrix times
     * a vector (b is stored the same way transposed or not). m = 1: Cᵀ = op(B)ᵀ·aᵀ, the same with B as the matrix,
     * stored transposed exactly when B is not. k = 1: an outer product. Each element stays one FMA chain, p
     * ascending; tasks are fixed blocks of rows.
     */
    private static void thin(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff,
                             double[] b, int bOff, double[] c, int cOff, boolean accumulate) {
        VectorGemm call;
        int rows;
        if (k == 1) { // C[i,j] = fma(a[i], b[j], c): A and B lie the same way whether transposed or not
            rows = m;
            call = new VectorGemm(false, false, m, n, 1, a, aOff, b, bOff, c, cOff, n, 1, accumulate, null, 0,
                    1, Math.max(1, THIN_TASK_WORK / n), 1, 1, false, false, false);
        } else {      // y = M·x with M rows×k: M[i,p] at i·k + p, or at p·rows + i when "transposed"
            boolean column = n == 1;
            rows = column ? m : n;
            call = new VectorGemm(column ? transA : !transB, false, rows, 1, k, column ? a : b, column ? aOff : bOff,
                    column ? b : a, column ? bOff : aOff, c, cOff, 1, 1, accumulate, null, 0,
                    k, roundUp(ceilDiv(THIN_TASK_WORK, k), 32), 1, 1, false, false, false);
        }
        call.phase = THIN;
        int tasks = ceilDiv(rows, call.tm);
        if (tasks > 1) Parallel.run(tasks, call); // memory-bound: each thread brings its own cache bandwidth
        else for (int t = 0; t < tasks; t++) call.accept(t);
    }

    /**
     * Whether C (+)= A·op(B) goes to the narrow path: at most two vectors of columns (n ≤ 16 with 512-bit vectors),
     * A row-major, k long enough that B's panels are worth packing. Through the 4×4 blocks such a product is at least
     * half padding, and each of its many row tiles streams all of (padded) B again: a critic's first-layer weight
     * gradient on one-channel images, 64×16×12544:NT, ran at 15–20 GFLOP/s there (0.62× OpenBLAS), 32–38 here
     * (same JVM pairs, two threads; 64×16×6272:NN 1.6–1.75×).
     */
    private static boolean narrow(boolean transA, int m, int n, int k) {
        return NV == 4 && !transA && n <= NARROW_NR && m >= NARROW_MR && k >= NARROW_MIN_K;
    }

    /**
     * C (+)= A·op(B) with n ≤ 2·LANES (see narrow): B packed once into [k][2·LANES] (zero-padded columns), read by
     * row tiles of C, a quarter of m each (whole 8-row blocks: four tasks, so B is streamed four times, not once per
     * 8 rows), which run down k in blocks of kc: each kc×16 block of B stays in L1 for the tile's row blocks; A is read
     * where it lies (8 rows, contiguous in p). Each element is still one FMA chain, p ascending.
     */
    private static void narrowProduct(boolean transB, int m, int n, int k, double[] a, int aOff, double[] b, int bOff,
                                      double[] c, int cOff, boolean accumulate) {
        double[] packed = buffer(1, k * NARROW_NR);
        int tm = roundUp(ceilDiv(m, 4), NARROW_MR), tasks = ceilDiv(m, tm);
        VectorGemm call = new VectorGemm(false, transB, m, n, k, a, aOff, b, bOff, c, cOff, n, 1, accumulate, packed, 0,
                depth(k), tm, 1, 1, true, false, false);
        boolean parallel = (long) m * n * k >= PARALLEL_WORK;
        call.phase = NARROW_PACK;
        if (parallel) Parallel.run(NARROW_PACKS, call);
        else for (int t = 0; t < NARROW_PACKS; t++) call.accept(t);
        call.phase = NARROW;
        if (parallel && tasks > 1) Parallel.run(tasks, call);
        else for (int t = 0; t < tasks; t++) call.accept(t);
    }

    /** Rows [p0, p1) of a narrow product's B into the panel packed[ALIGN + p·NARROW_NR + j], columns past n zero. */
    private void packNarrow(int p0, int p1) {
        final int w = NARROW_NR;
        if (transB) { // B[j,p] at j·k + p: panel row by panel row, n read streams (going down each stored row
            // instead wrote every line of the panel n times, far apart: the whole product ran 2× slower)
            for (int p = p0, d = ALIGN + p0 * w; p < p1; p++, d += w) {
                for (int j = 0, s = bOff + p; j < n; j++, s += k) packed[d + j] = b[s];
                for (int j = n; j < w; j++) packed[d + j] = 0.0;
            }
        } else {      // B[p,j] at p·n + j: row by row
            for (int p = p0, d = ALIGN + p0 * w; p < p1; p++, d += w) {
                System.arraycopy(b, bOff + p * n, packed, d, n);
                Arrays.fill(packed, d + n, d + w, 0.0);
            }
        }
    }

    /** Rows [r0, r1) of a narrow product (see narrowProduct): for each k-block, 8-row blocks against the packed B. */
    private void narrowRows(int r0, int r1) {
        final int w = NARROW_NR;
        double[] edge = buffer(2, NARROW_MR * w);
        if (!accumulate) for (int r = r0; r < r1; r++) Arrays.fill(c, cOff + r * n, cOff + (r + 1) * n, 0.0);
        for (int pc = 0; pc < k; pc += kc) {
            int kb = Math.min(kc, k - pc), bIdx = ALIGN + pc * w;
            for (int i = r0; i < r1; i += NARROW_MR) {
                int rows = Math.min(NARROW_MR, r1 - i), a0 = aOff + i * k + pc;
                if (rows == NARROW_MR && n == w) {
                    kernel8x2Rows(kb, a, a0, k, 7, packed, bIdx, c, cOff + i * n, n);
                    continue;
                }
                // an edge (fewer rows, or n < 2·LANES): rows past the edge repeat the last one; only the valid part goes back
                Arrays.fill(edge, 0, NARROW_MR * w, 0.0);
                for (int r = 0; r < rows; r++) System.arraycopy(c, cOff + (i + r) * n, edge, r * w, n);
                kernel8x2Rows(kb, a, a0, k, rows - 1, packed, bIdx, edge, 0, w);
                for (int r = 0; r < rows; r++) System.arraycopy(edge, r * w, c, cOff + (i + r) * n, n);
            }
        }
    }

    /** Rows [r0, r1) of C = a·b with k = 1: c[i,j] = fma(a[i], b[j], c or +0), B's row as vectors. */
    private void outerRows(int r0, int r1) {
        int bound = SPECIES.loopBound(n);
        for (int i = r0; i < r1; i++) {
            double ai = a[aOff + i];
            DoubleVector av = DoubleVector.broadcast(SPECIES, ai);
            int ci = cOff + i * n, j = 0;
            for (; j < bound; j += LANES) {
                DoubleVector cv = accumulate ? DoubleVector.fromArray(SPECIES, c, ci + j) : DoubleVector.zero(SPECIES);
                av.fma(DoubleVector.fromArray(SPECIES, b, bOff + j), cv).intoArray(c, ci + j);
            }
            for (; j < n; j++) c[ci + j] = Math.fma(ai, b[bOff + j], accumulate ? c[ci + j] : 0.0);
        }
    }

    /**
     * Rows [r0, r1) of y (+)= M·x (M = a, m×k, transposed when transA; x = b; y = c): y[i] ← fma(M[i,p], x[p], y[i]),
     * p ascending. Transposed, M's column p holds consecutive rows: vectors of rows, four in registers. Row-major,
     * eight scalar chains side by side, so the FMA's latency is hidden (a vector along p would reorder the chain).
     */
    private void matVecRows(int r0, int r1) {
        int i = r0;
        if (transA) {
            final int l = LANES;
            for (; i + 4 * l <= r1; i += 4 * l) {
                DoubleVector y0 = DoubleVector.zero(SPECIES), y1 = y0, y2 = y0, y3 = y0;
                if (accumulate) {
                    y0 = DoubleVector.fromArray(SPECIES, c, cOff + i); y1 = DoubleVector.fromArray(SPECIES, c, cOff + i + l);
                    y2 = DoubleVector.fromArray(SPECIES, c, cOff + i + 2 * l); y3 = DoubleVector.fromArray(SPECIES, c, cOff + i + 3 * l);
                }
                for (int p = 0, at = aOff + i; p < k; p++, at += m) {
                    DoubleVector x = DoubleVector.broadcast(SPECIES, b[bOff + p]);
                    y0 = DoubleVector.fromArray(SPECIES, a, at).fma(x, y0);
                    y1 = DoubleVector.fromArray(SPECIES, a, at + l).fma(x, y1);
                    y2 = DoubleVector.fromArray(SPECIES, a, at + 2 * l).fma(x, y2);
                    y3 = DoubleVector.fromArray(SPECIES, a, at + 3 * l).fma(x, y3);
                }
                y0.intoArray(c, cOff + i); y1.intoArray(c, cOff + i + l); y2.intoArray(c, cOff + i + 2 * l); y3.intoArray(c, cOff + i + 3 * l);
            }
            for (; i + l <= r1; i += l) {
                DoubleVector y = accumulate ? DoubleVector.fromArray(SPECIES, c, cOff + i) : DoubleVector.zero(SPECIES);
                for (int p = 0, at = aOff + i; p < k; p++, at += m) {
                    y = DoubleVector.fromArray(SPECIES, a, at).fma(DoubleVector.broadcast(SPECIES, b[bOff + p]), y);
                }
                y.intoArray(c, cOff + i);
            }
            for (; i < r1; i++) {
                double y = yAt(i);
                for (int p = 0; p < k; p++) y = Math.fma(a[aOff + p * m + i], b[bOff + p], y);
                c[cOff + i] = y;
            }
            return;
        }
        for (; i + 8 <= r1; i += 8) {
            int q = aOff + i * k;
            double y0 = yAt(i), y1 = yAt(i + 1), y2 = yAt(i + 2), y3 = yAt(i + 3), y4 = yAt(i + 4), y5 = yAt(i + 5), y6 = yAt(i + 6), y7 = yAt(i + 7);
            for (int p = 0; p < k; p++, q++) {
                double x = b[bOff + p];
                y0 = Math.fma(a[q], x, y0); y1 = Math.fma(a[q + k], x, y1); y2 = Math.fma(a[q + 2 * k], x, y2); y3 = Math.fma(a[q + 3 * k], x, y3);
                y4 = Math.fma(a[q + 4 * k], x, y4); y5 = Math.fma(a[q + 5 * k], x, y5); y6 = Math.fma(a[q + 6 * k], x, y6); y7 = Math.fma(a[q + 7 * k], x, y7);
            }
            c[cOff + i] = y0; c[cOff + i + 1] = y1; c[cOff + i + 2] = y2; c[cOff + i + 3] = y3;
            c[cOff + i + 4] = y4; c[cOff + i + 5] = y5; c[cOff + i + 6] = y6; c[cOff + i + 7] = y7;
        }
        for (; i < r1; i++) {
            double y = yAt(i);
            for (int p = 0, q = aOff + i * k; p < k; p++) y = Math.fma(a[q + p], b[bOff + p], y);
            c[cOff + i] = y;
        }
    }

    /** y[i] of a thin product's start: C's value when accumulating, else +0. */
    private double yAt(int i) { return accumulate ? c[cOff + i] : 0.0; }

    /** Whether the register blocks run along C's rows from zero registers (see ROW_ORDER): one fresh k-block. */
    static boolean rowOrder(boolean accumulate, int k, int kc, boolean directA) {
        return ROW_ORDER && NV == 4 && !accumulate && !directA && k <= kc;
    }

    /** Whether the kernel reads A where it lies (see DIRECT_A_PANELS); only the 4×4 kernel can. */
    static boolean directA(boolean transA, int n) { return NV == 4 && !transA && ceilDiv(n, NR) <= DIRECT_A_PANELS; }

    /**
     * Whether each tile packs its own kc×tn blocks of B just before use, instead of all of B being packed up
     * front: when C has a single row of tiles (no block of B is packed twice) and the packed B would not stay
     * in L2 (a convolution's 1024×3136 B is 25 MB: written out and read back from memory otherwise).
     * Same JVM, alternating: 128×1024×3136 1.10× (1 thread) / 1.17× (2), 64×784×512 1.10× / 1.08×.
     */
    private static boolean blockB(int m, int n, int k, int tm) {
        return tm >= m && (long) roundUp(n, NR) * k * Double.BYTES > CacheSizes.L2 / 2;
    }

    /** Column groups of B to pack per k-block up front: none when the tiles pack their own. */
    private int groupsB() { return blockB ? 0 : ceilDiv(n, NC); }

    /** Row groups of A to pack per k-block: none when the kernel reads A where it lies. */
    private int groupsA() { return directA ? 0 : ceilDiv(m, MC); }

    /** This thread's scratch array number {@code slot}, with {@code size} elements from index 0 (slot 2) or ALIGN (0, 1). */
    private static double[] buffer(int slot, int size) {
        double[][] bufs = BUFFERS.get();
        if (bufs == null) BUFFERS.set(bufs = new double[3][0]);
        boolean aligned = slot <= 1;
        if (bufs[slot].length < size + (aligned ? ALIGN : 0)) {
            int grown = Math.max(size, bufs[slot].length * 5 / 4);
            bufs[slot] = aligned ? AlignedArrays.allocate(grown) : new double[grown];
        }
        return bufs[slot];
    }

    /**
     * Small products, unpacked: the same FMA chain per element (c, then p ascending), as a row of C
     * plus a[i,p] times a row of B, or as dot products when B is transposed.
     */
    private static void small(boolean transA, boolean transB, int m, int n, int k,
                              double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, boolean accumulate) {
        int bound = SPECIES.loopBound(n);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            if (!accumulate) Arrays.fill(c, ci, ci + n, 0.0);
            if (transB) {
                for (int j = 0; j < n; j++) {
                    double s = c[ci + j];
                    for (int p = 0, bj = bOff + j * k; p < k; p++) s = Math.fma(transA ? a[aOff + p * m + i] : a[aOff + i * k + p], b[bj + p], s);
                    c[ci + j] = s;
                }
                continue;
            }
            for (int p = 0; p < k; p++) {
                double aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                DoubleVector av = DoubleVector.broadcast(SPECIES, aip);
                int bp = bOff + p * n, j = 0;
                for (; j < bound; j += LANES) {
                    av.fma(DoubleVector.fromArray(SPECIES, b, bp + j), DoubleVector.fromArray(SPECIES, c, ci + j)).intoArray(c, ci + j);
                }
                for (; j < n; j++) c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
            }
        }
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    /**
     * The depth of this call's k-blocks: k split into equal blocks of at most 4/3·KC. A fixed KC left a thin last
     * block (k = 100: 96 + 4; k = 784: 8·96 + 16) that costs a whole pass over C for a few steps; 4/3 lets k = 128
     * be one block instead of two, which saves a pass over a C of 25 MB in a DCGAN convolution (1024×3136, k = 128:
     * 1.13× one and two threads, same JVM; MLP shapes with k = 100, 256: 1.06–1.07×; others unchanged).
     */
    static int depth(int k) { return k <= 0 ? KC : ceilDiv(k, ceilDiv(3 * k, 4 * KC)); }

    /**
     * The tile C[i0 .. i0+tm, j0 .. j0+tn) (clipped to C), over all of k in blocks of kc. Computed in place when C
     * is not transposed and k is one block. Otherwise in this thread's scratch tile, copied in (when accumulating)
     * and out once. With several k-blocks, as column panels: NR columns each, row-major, so the register blocks down a
     * B panel are consecutive runs of MR·NR values — one forward stream the prefetchers follow — where in C they lie a
     * row apart and each block's loads, once per k-block, waited on memory (512³ 1.1–1.16×, 1024³ 1.07–1.19×, same JVM;
     * docs/gemm.md). A product computed as Cᵀ in one k-block (csc ≠ 1, see gemm) uses a row-major tile instead; either
     * way C transposed is reached once per tile, not at every k-block and register block.
     */
    private void tile(int i0, int j0) {
        int mb = Math.min(tm, m - i0), nb = Math.min(tn, n - j0);
        if (csc == 1 && !panels) {
            compute(i0, j0, mb, nb, c, cOff + i0 * csr + j0, csr, NR);
            return;
        }
        int ld = panels ? NR : AlignedArrays.rowStride(nb); // rows on cache lines, like the packed B the kernel reads beside them
        int ps = panels ? roundUp(mb, MR) * NR : NR;         // from one NR-column panel of the tile to the next
        double[] t = buffer(0, panels ? ps * ceilDiv(nb, NR) : mb * ld);
        if (accumulate) copyTile(t, ld, ps, i0, j0, mb, nb, true);
        compute(i0, j0, mb, nb, t, ALIGN, ld, ps);
        copyTile(t, ld, ps, i0, j0, mb, nb, false);
    }

    /**
     * Copies between the scratch tile t (row r, column j at ALIGN + (j / NR)·ps + j % NR + r·ld) and the caller's C:
     * into t when {@code in}, else out of it. C not transposed: a row's run of each panel at a time. Cᵀ (csr = 1, column
     * j of the tile the contiguous run at cOff + i0 + (j0 + j)·csc): eight columns at a time, so that each row of t is
     * touched a cache line at a time rather than a value per line (t is larger than L1).
     */
    private void copyTile(double[] t, int ld, int ps, int i0, int j0, int mb, int nb, boolean in) {
        if (csc == 1) {
            for (int r = 0; r < mb; r++) {
                for (int jr = 0, at = cOff + (i0 + r) * csr + j0, s = ALIGN + r * ld; jr < nb; jr += NR, s += ps) {
                    if (in) System.arraycopy(c, at + jr, t, s, Math.min(NR, nb - jr));
                    else System.arraycopy(t, s, c, at + jr, Math.min(NR, nb - jr));
                }
            }
            return;
        }
        int j = 0;
        if (NR % 8 == 0) for (; j + 8 <= nb; j += 8) { // eight columns never straddle a panel
            int at = cOff + i0 + (j0 + j) * csc;
            for (int r = 0, s = ALIGN + j / NR * ps + j % NR; r < mb; r++, s += ld) {
                if (in) for (int q = 0; q < 8; q++) t[s + q] = c[at + q * csc + r];
                else for (int q = 0; q < 8; q++) c[at + q * csc + r] = t[s + q];
            }
        }
        for (; j < nb; j++) {
            int at = cOff + i0 + (j0 + j) * csc;
            for (int r = 0, s = ALIGN + j / NR * ps + j % NR; r < mb; r++, s += ld) {
                if (in) t[s] = c[at + r];
                else c[at + r] = t[s];
            }
        }
    }

    /**
     * The mb×nb tile at (i0, j0): C (+)= A·B over all k, its element (r, j) at cc[base + (j / NR)·ps + j % NR + r·ld]:
     * row-major when ps = NR; with several k-blocks, column panels (ld = NR, ps the panel's padded size), in which every
     * register block is whole and the blocks down a B panel lie one after another (see tile).
     */
    private void compute(int i0, int j0, int mb, int nb, double[] cc, int base, int ld, int ps) {
        double[] edge = buffer(2, MR * NR);
        boolean zeroStart = rows || !accumulate && k <= Math.min(ZERO_START_K, kc) && !directA && NV == 4; // one k-block, from +0
        boolean zeroFirst = panels && !accumulate && !directA && NV == 4; // the first of several k-blocks from +0
        if (!accumulate && !zeroStart && !zeroFirst) {
            if (panels) Arrays.fill(cc, base, base + ceilDiv(nb, NR) * ps, 0.0);
            else for (int r = 0; r < mb; r++) Arrays.fill(cc, base + r * ld, base + r * ld + nb, 0.0);
        }
        for (int pc = 0; pc < k; pc += kc) {
            int kb = Math.min(kc, k - pc), bBase = ALIGN + pc * nPad + j0 * kb;
            if (blockB) { // this tile's kc×nb block of B, packed now (L2-sized), at j0·kc: its own columns, whatever the kb
                bBase = ALIGN + j0 * kc;
                packB(transB, b, bOff, n, k, pc, kb, j0, nb, packed, bBase);
            }
            boolean zero = zeroStart || zeroFirst && pc == 0;
            // Register block q: down each B panel in turn (the panel stays in L1), or along each row of blocks (rows).
            for (int nj = ceilDiv(nb, NR), ni = ceilDiv(mb, MR), q = 0; q < ni * nj; q++) {
                int jr = (rows ? q % nj : q / ni) * NR, ir = (rows ? q / nj : q % ni) * MR;
                int nrv = Math.min(NR, nb - jr), bIdx = bBase + jr * kb;
                int mrv = Math.min(MR, mb - ir), aIdx = aAt + pc * mPad + (i0 + ir) * kb;
                int cIdx = base + ir * ld + jr / NR * ps;
                // directA: A's rows at a0 .. a3; rows past the edge repeat the last (their results are not used)
                int last = mrv - 1, a0 = aOff + (i0 + ir) * k + pc, a1 = a0 + Math.min(1, last) * k, a2 = a0 + Math.min(2, last) * k, a3 = a0 + Math.min(3, last) * k;
                if (panels || mrv == MR && nrv == NR) { // whole (a panel's padding is zero in the packed operands, never copied out)
                    if (directA) kernel4x4Rows(kb, a, a0, a1, a2, a3, packed, bIdx, cc, cIdx, ld);
                    else if (zero) kernel4x4Zero(kb, packed, aIdx, bIdx, cc, cIdx, ld);
                    else kernel(kb, packed, aIdx, bIdx, cc, cIdx, ld);
                } else { // an edge: the valid part into a full scratch block (+0 for zeroStart), the kernel there, and back
                    Arrays.fill(edge, 0, MR * NR, 0.0);
                    if (!zeroStart) for (int r = 0; r < mrv; r++) System.arraycopy(cc, cIdx + r * ld, edge, r * NR, nrv);
                    if (directA) kernel4x4Rows(kb, a, a0, a1, a2, a3, packed, bIdx, edge, 0, NR);
                    else kernel(kb, packed, aIdx, bIdx, edge, 0, NR);
                    for (int r = 0; r < mrv; r++) System.arraycopy(edge, r * NR, cc, cIdx + r * ld, nrv);
                }
            }
        }
    }

    /**
     * Rows [i0, i0+mb) of a row-major A (A[i,p] at aOff + i·k + p) into the micro-panels of every k-block:
     * packed[aAt + pc·mPad + i·kb + p·MR + r] = A[i+r, pc+p], i the first row of a micro-panel, rows past m zero. Its MR rows
     * are read side by side along all of k — MR long forward streams; per k-block they were runs of kc values
     * (1 KiB) a row of A apart, which the prefetchers hardly start on before the next jump: 1024³ 1.0–1.06×
     * (1.06× one thread), 512³ 1.1×, 64×512×784:NN 1.1× (same JVM, two threads).
     */
    private void packRowsOfA(int i0, int mb) {
        for (int ir = 0; ir < mb; ir += MR) {
            int rows = Math.min(MR, mb - ir), src = aOff + (i0 + ir) * k;
            for (int pc = 0; pc < k; pc += kc) {
                int kb = Math.min(kc, k - pc), d = aAt + pc * mPad + (i0 + ir) * kb;
                if (rows == MR) {
                    for (int p = 0; p < kb; p++, d += MR) for (int r = 0; r < MR; r++) packed[d + r] = a[src + r * k + pc + p];
                } else {
                    for (int p = 0; p < kb; p++, d += MR) for (int r = 0; r < MR; r++) packed[d + r] = r < rows ? a[src + r * k + pc + p] : 0.0;
                }
            }
        }
    }

    /**
     * A[i0 .. i0+mb, pc .. pc+kb) of a transposed A (A[i,p] at aOff + p·m + i) into micro-panels of MR rows:
     * pa[at + ir·kb + p·MR + r] = A[i0+ir+r, pc+p], rows past mb zero.
     */
    private static void packTransposedA(double[] a, int aOff, int m, int pc, int kb, int i0, int mb, double[] pa, int at) {
        // 2·MR values of each stored row (a cache line when MR = 4) into two micro-panels,
        // down all kb rows, then the next two. An arraycopy of MR values per panel and row, row by row, cost 2–4× as
        // much (a call per 4 values): TN products with k = 64 ran 1.03–1.22× faster without it (same JVM).
        int ir = 0;
        for (; ir + 2 * MR <= mb; ir += 2 * MR) {
            int d0 = at + ir * kb, d1 = d0 + MR * kb, src = aOff + pc * m + i0 + ir;
            for (int p = 0; p < kb; p++, src += m, d0 += MR, d1 += MR) {
                for (int r = 0; r < MR; r++) pa[d0 + r] = a[src + r];
                for (int r = 0; r < MR; r++) pa[d1 + r] = a[src + MR + r];
            }
        }
        for (; ir < mb; ir += MR) { // the last one or two panels; rows past mb zero
            int rows = Math.min(MR, mb - ir), d0 = at + ir * kb, src = aOff + pc * m + i0 + ir;
            for (int p = 0; p < kb; p++, src += m, d0 += MR) {
                for (int r = 0; r < MR; r++) pa[d0 + r] = r < rows ? a[src + r] : 0.0;
            }
        }
    }

    /**
     * B[pc .. pc+kb, j0 .. j0+nb) into micro-panels of NR columns: pb[at + jr·kb + p·NR + j] = B[pc+p, j0+jr+j],
     * columns past nb zero. B is stored [k,n], or [n,k] when transposed.
     */
    private static void packB(boolean transB, double[] b, int bOff, int n, int k, int pc, int kb, int j0, int nb, double[] pb, int at) {
        if (!transB) { // B[p,j] at p·n + j: reads run along B's rows, PACK_ROWS rows side by side; going down one panel
            // at a time strided n·8 bytes per 32 values, which the prefetchers follow poorly (row by row made 64×784×512:NN
            // 1.24× faster than that; PACK_ROWS rows at once, as read streams in flight together, 1.05–1.2× faster again)
            for (int p0 = 0; p0 < kb; p0 += PACK_ROWS) {
                int p1 = Math.min(kb, p0 + PACK_ROWS);
                for (int jr = 0; jr < nb; jr += NR) {
                    int cols = Math.min(NR, nb - jr);
                    for (int p = p0; p < p1; p++) {
                        int dst = at + jr * kb + p * NR;
                        System.arraycopy(b, bOff + (pc + p) * n + j0 + jr, pb, dst, cols);
                        if (cols < NR) Arrays.fill(pb, dst + cols, dst + NR, 0.0);
                    }
                }
            }
            return;
        }
        for (int jr = 0; jr < nb; jr += NR) { // B[p,j] at j·k + p: a transpose, four stored rows at a time down all of kb
            // (four read streams; each write fills 4 adjacent values of a panel row): 1.35–1.9× faster than strips of 8 p
            int cols = Math.min(NR, nb - jr), base = at + jr * kb, j = 0;
            if (cols < NR) Arrays.fill(pb, base, base + kb * NR, 0.0);
            for (; j + 4 <= cols; j += 4) {
                int s0 = bOff + (j0 + jr + j) * k + pc, s1 = s0 + k, s2 = s1 + k, s3 = s2 + k;
                for (int p = 0, d = base + j; p < kb; p++, d += NR) {
                    pb[d] = b[s0 + p]; pb[d + 1] = b[s1 + p]; pb[d + 2] = b[s2 + p]; pb[d + 3] = b[s3 + p];
                }
            }
            for (; j < cols; j++) {
                int s0 = bOff + (j0 + jr + j) * k + pc;
                for (int p = 0, d = base + j; p < kb; p++, d += NR) pb[d] = b[s0 + p];
            }
        }
    }

    /** The register block C[MR, NR] += Apanel[kb][MR] · Bpanel[kb][NR], both panels in ab (see packed); ldc is C's row stride. */
    private static void kernel(int kb, double[] ab, int aIdx, int bIdx, double[] c, int cIdx, int ldc) {
        if (NV == 4) kernel4x4(kb, ab, aIdx, bIdx, c, cIdx, ldc);
        else kernel6x2(kb, ab, aIdx, bIdx, c, cIdx, ldc);
    }

    /**
     * 4 rows × 4 vectors: 16 accumulators, 4 loads of B and 4 broadcasts of A per step. Written out
     * with no helper taking vectors (a call C2 does not inline boxes them). Not 6 rows: a 6×4 body
     * sits at the edge of C2's budget, and when it is recompiled (after a deoptimization: a JFR
     * recording, an agent, a new class) the last rows' vectors can stay boxed, 4× slower for good.
     */
    private static void kernel4x4(int kb, double[] ab, int aIdx, int bIdx, double[] c, int cIdx, int ldc) {
        final int l = LANES;
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, c, r0), c01 = DoubleVector.fromArray(SPECIES, c, r0 + l),
                c02 = DoubleVector.fromArray(SPECIES, c, r0 + 2 * l), c03 = DoubleVector.fromArray(SPECIES, c, r0 + 3 * l);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, c, r1), c11 = DoubleVector.fromArray(SPECIES, c, r1 + l),
                c12 = DoubleVector.fromArray(SPECIES, c, r1 + 2 * l), c13 = DoubleVector.fromArray(SPECIES, c, r1 + 3 * l);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, c, r2), c21 = DoubleVector.fromArray(SPECIES, c, r2 + l),
                c22 = DoubleVector.fromArray(SPECIES, c, r2 + 2 * l), c23 = DoubleVector.fromArray(SPECIES, c, r2 + 3 * l);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, c, r3), c31 = DoubleVector.fromArray(SPECIES, c, r3 + l),
                c32 = DoubleVector.fromArray(SPECIES, c, r3 + 2 * l), c33 = DoubleVector.fromArray(SPECIES, c, r3 + 3 * l);
        for (int p = 0, ai = aIdx, bi = bIdx; p < kb; p++, ai += MR, bi += 4 * l) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, ab, bi), b1 = DoubleVector.fromArray(SPECIES, ab, bi + l),
                    b2 = DoubleVector.fromArray(SPECIES, ab, bi + 2 * l), b3 = DoubleVector.fromArray(SPECIES, ab, bi + 3 * l);
            DoubleVector x = DoubleVector.broadcast(SPECIES, ab[ai]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + l); c02.intoArray(c, r0 + 2 * l); c03.intoArray(c, r0 + 3 * l);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + l); c12.intoArray(c, r1 + 2 * l); c13.intoArray(c, r1 + 3 * l);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + l); c22.intoArray(c, r2 + 2 * l); c23.intoArray(c, r2 + 3 * l);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + l); c32.intoArray(c, r3 + 2 * l); c33.intoArray(c, r3 + 3 * l);
    }

    /** {@link #kernel4x4} with every chain starting from +0 instead of C (see ZERO_START_K): C is only written. */
    private static void kernel4x4Zero(int kb, double[] ab, int aIdx, int bIdx, double[] c, int cIdx, int ldc) {
        final int l = LANES;
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        DoubleVector z = DoubleVector.zero(SPECIES);
        DoubleVector c00 = z, c01 = z, c02 = z, c03 = z, c10 = z, c11 = z, c12 = z, c13 = z;
        DoubleVector c20 = z, c21 = z, c22 = z, c23 = z, c30 = z, c31 = z, c32 = z, c33 = z;
        for (int p = 0, ai = aIdx, bi = bIdx; p < kb; p++, ai += MR, bi += 4 * l) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, ab, bi), b1 = DoubleVector.fromArray(SPECIES, ab, bi + l),
                    b2 = DoubleVector.fromArray(SPECIES, ab, bi + 2 * l), b3 = DoubleVector.fromArray(SPECIES, ab, bi + 3 * l);
            DoubleVector x = DoubleVector.broadcast(SPECIES, ab[ai]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + l); c02.intoArray(c, r0 + 2 * l); c03.intoArray(c, r0 + 3 * l);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + l); c12.intoArray(c, r1 + 2 * l); c13.intoArray(c, r1 + 3 * l);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + l); c22.intoArray(c, r2 + 2 * l); c23.intoArray(c, r2 + 3 * l);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + l); c32.intoArray(c, r3 + 2 * l); c33.intoArray(c, r3 + 3 * l);
    }

    /** {@link #kernel4x4} reading A where it lies: rows at a0, a1, a2, a3, contiguous in p (no packing). */
    private static void kernel4x4Rows(int kb, double[] a, int a0, int a1, int a2, int a3, double[] pb, int bIdx, double[] c, int cIdx, int ldc) {
        final int l = LANES;
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, c, r0), c01 = DoubleVector.fromArray(SPECIES, c, r0 + l),
                c02 = DoubleVector.fromArray(SPECIES, c, r0 + 2 * l), c03 = DoubleVector.fromArray(SPECIES, c, r0 + 3 * l);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, c, r1), c11 = DoubleVector.fromArray(SPECIES, c, r1 + l),
                c12 = DoubleVector.fromArray(SPECIES, c, r1 + 2 * l), c13 = DoubleVector.fromArray(SPECIES, c, r1 + 3 * l);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, c, r2), c21 = DoubleVector.fromArray(SPECIES, c, r2 + l),
                c22 = DoubleVector.fromArray(SPECIES, c, r2 + 2 * l), c23 = DoubleVector.fromArray(SPECIES, c, r2 + 3 * l);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, c, r3), c31 = DoubleVector.fromArray(SPECIES, c, r3 + l),
                c32 = DoubleVector.fromArray(SPECIES, c, r3 + 2 * l), c33 = DoubleVector.fromArray(SPECIES, c, r3 + 3 * l);
        for (int p = 0, bi = bIdx; p < kb; p++, bi += 4 * l) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bi), b1 = DoubleVector.fromArray(SPECIES, pb, bi + l),
                    b2 = DoubleVector.fromArray(SPECIES, pb, bi + 2 * l), b3 = DoubleVector.fromArray(SPECIES, pb, bi + 3 * l);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = DoubleVector.broadcast(SPECIES, a[a1 + p]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = DoubleVector.broadcast(SPECIES, a[a2 + p]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = DoubleVector.broadcast(SPECIES, a[a3 + p]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + l); c02.intoArray(c, r0 + 2 * l); c03.intoArray(c, r0 + 3 * l);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + l); c12.intoArray(c, r1 + 2 * l); c13.intoArray(c, r1 + 3 * l);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + l); c22.intoArray(c, r2 + 2 * l); c23.intoArray(c, r2 + 3 * l);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + l); c32.intoArray(c, r3 + 2 * l); c33.intoArray(c, r3 + 3 * l);
    }

    /**
     * The narrow kernel: C[8, 2·LANES] += A[8 rows, kb] · Bpanel[kb][2·LANES], A's row r at a0 + min(r, last)·lda
     * (rows past {@code last} repeat it; their results are not used). 16 accumulators; per step 2 loads of B and
     * 8 broadcasts of A.
     */
    private static void kernel8x2Rows(int kb, double[] a, int a0, int lda, int last, double[] pb, int bIdx, double[] c, int cIdx, int ldc) {
        final int l = LANES;
        int q0 = a0, q1 = a0 + Math.min(1, last) * lda, q2 = a0 + Math.min(2, last) * lda, q3 = a0 + Math.min(3, last) * lda;
        int q4 = a0 + Math.min(4, last) * lda, q5 = a0 + Math.min(5, last) * lda, q6 = a0 + Math.min(6, last) * lda, q7 = a0 + Math.min(7, last) * lda;
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, c, r0), c01 = DoubleVector.fromArray(SPECIES, c, r0 + l);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, c, r1), c11 = DoubleVector.fromArray(SPECIES, c, r1 + l);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, c, r2), c21 = DoubleVector.fromArray(SPECIES, c, r2 + l);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, c, r3), c31 = DoubleVector.fromArray(SPECIES, c, r3 + l);
        DoubleVector c40 = DoubleVector.fromArray(SPECIES, c, r4), c41 = DoubleVector.fromArray(SPECIES, c, r4 + l);
        DoubleVector c50 = DoubleVector.fromArray(SPECIES, c, r5), c51 = DoubleVector.fromArray(SPECIES, c, r5 + l);
        DoubleVector c60 = DoubleVector.fromArray(SPECIES, c, r6), c61 = DoubleVector.fromArray(SPECIES, c, r6 + l);
        DoubleVector c70 = DoubleVector.fromArray(SPECIES, c, r7), c71 = DoubleVector.fromArray(SPECIES, c, r7 + l);
        for (int p = 0, bi = bIdx; p < kb; p++, bi += 2 * l) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, pb, bi), b1 = DoubleVector.fromArray(SPECIES, pb, bi + l);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[q0 + p]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, a[q1 + p]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, a[q2 + p]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, a[q3 + p]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(SPECIES, a[q4 + p]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(SPECIES, a[q5 + p]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(SPECIES, a[q6 + p]);
            c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(SPECIES, a[q7 + p]);
            c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + l);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + l);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + l);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + l);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + l);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + l);
        c60.intoArray(c, r6); c61.intoArray(c, r6 + l);
        c70.intoArray(c, r7); c71.intoArray(c, r7 + l);
    }

    /** 6 rows × 2 vectors: 12 accumulators, for machines with 16 vector registers. */
    private static void kernel6x2(int kb, double[] ab, int aIdx, int bIdx, double[] c, int cIdx, int ldc) {
        final int l = LANES;
        int r0 = cIdx, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        DoubleVector c00 = DoubleVector.fromArray(SPECIES, c, r0), c01 = DoubleVector.fromArray(SPECIES, c, r0 + l);
        DoubleVector c10 = DoubleVector.fromArray(SPECIES, c, r1), c11 = DoubleVector.fromArray(SPECIES, c, r1 + l);
        DoubleVector c20 = DoubleVector.fromArray(SPECIES, c, r2), c21 = DoubleVector.fromArray(SPECIES, c, r2 + l);
        DoubleVector c30 = DoubleVector.fromArray(SPECIES, c, r3), c31 = DoubleVector.fromArray(SPECIES, c, r3 + l);
        DoubleVector c40 = DoubleVector.fromArray(SPECIES, c, r4), c41 = DoubleVector.fromArray(SPECIES, c, r4 + l);
        DoubleVector c50 = DoubleVector.fromArray(SPECIES, c, r5), c51 = DoubleVector.fromArray(SPECIES, c, r5 + l);
        for (int p = 0, ai = aIdx, bi = bIdx; p < kb; p++, ai += MR, bi += 2 * l) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, ab, bi), b1 = DoubleVector.fromArray(SPECIES, ab, bi + l);
            DoubleVector x = DoubleVector.broadcast(SPECIES, ab[ai]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 4]);
            c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(SPECIES, ab[ai + 5]);
            c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, r0); c01.intoArray(c, r0 + l);
        c10.intoArray(c, r1); c11.intoArray(c, r1 + l);
        c20.intoArray(c, r2); c21.intoArray(c, r2 + l);
        c30.intoArray(c, r3); c31.intoArray(c, r3 + l);
        c40.intoArray(c, r4); c41.intoArray(c, r4 + l);
        c50.intoArray(c, r5); c51.intoArray(c, r5 + l);
    }
}
