// The blocklist's cost (lib/users/blocklist.ts): loading the list, building its Set, the heap it keeps, one lookup.
// Run: node --expose-gc scripts/measure-blocklist.mjs
globalThis.gc(); const before = process.memoryUsage().heapUsed; const t0 = performance.now();
const { dictionary } = await import('@zxcvbn-ts/language-common');
const t1 = performance.now();
const set = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
const t2 = performance.now(); globalThis.gc(); const after = process.memoryUsage().heapUsed;
const probes = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? `correct horse battery staple ${i}` : dictionary['passwords-common'][i % 49_233]).toLowerCase());
const t3 = performance.now(); let hits = 0; for (const p of probes) if (set.has(p)) hits++; const t4 = performance.now();
console.log(`load ${(t1 - t0).toFixed(1)} ms, Set ${(t2 - t1).toFixed(1)} ms, ${set.size} entries, heap +${((after - before) / 2 ** 20).toFixed(1)} MiB, lookup ${(((t4 - t3) / probes.length) * 1e6).toFixed(0)} ns (${hits} hits)`);
