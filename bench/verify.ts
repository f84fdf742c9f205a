import { createHmac, timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';
import { loadAuthConfig } from '@/lib/auth/config';
import { getKeyRing } from '@/lib/auth/keys';
import { signAccessToken, signToken, verifyToken } from '@/lib/auth/token';
import { BENCH_SECRET, BENCH_SIGNING_KEY, BENCH_PASSWORD } from './server';
import { median } from './load';

export interface VerifyResult {
  /** Microseconds per op, the median of `batches` interleaved batches. */
  rawHmacUs: number;
  joseUs: number;
  verifyColdUs: number;
  verifyWarmUs: number;
  /** The same for a session's access token, ES256 (what another service verifies with the JWKS). */
  accessColdUs: number;
  accessWarmUs: number;
  opsPerBatch: number;
  batches: number;
}

/** The floor: one HMAC-SHA256 over the signing input, compared with the token's signature. */
function rawHmacCheck(secret: Buffer, token: string): boolean {
  const dot = token.lastIndexOf('.');
  const mac = createHmac('sha256', secret).update(token.slice(0, dot)).digest();
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  return signature.length === mac.length && timingSafeEqual(mac, signature);
}

async function timeUs(ops: number, op: (i: number) => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await op(i);
  return Number(process.hrtime.bigint() - start) / 1000 / ops;
}

/**
 * Times verifyToken beside a raw node:crypto HMAC check of the same tokens, and on ES256 access
 * tokens, in interleaved batches. Cold: every op verifies a token not seen before. Warm: the same
 * token over and over.
 */
export async function runVerify({ ops, batches }: { ops: number; batches: number }): Promise<VerifyResult> {
  const config = loadAuthConfig({ NODE_ENV: 'production', JWT_SECRET: BENCH_SECRET, JWT_SIGNING_KEY: BENCH_SIGNING_KEY, DEMO_PASSWORD: BENCH_PASSWORD });
  const secret = Buffer.from(BENCH_SECRET);
  const { current } = await getKeyRing(config);
  const options = { algorithms: ['HS256'], requiredClaims: ['exp'] };

  const samples = { raw: [] as number[], jose: [] as number[], cold: [] as number[], warm: [] as number[], accessCold: [] as number[], accessWarm: [] as number[] };
  for (let batch = 0; batch < batches + 1; batch++) {
    // Fresh users make fresh tokens: nothing from an earlier batch can be remembered.
    const tokens = await Promise.all(Array.from({ length: ops }, (_, i) => signToken(config, `user-${batch}-${i}`, 600)));
    const accessTokens = await Promise.all(
      Array.from({ length: ops }, async (_, i) => (await signAccessToken(config, { sub: `id-${batch}-${i}`, user: `user-${batch}-${i}`, roles: ['user'], sid: `session-${batch}-${i}` }, 60)).token),
    );
    const check = (ok: boolean) => {
      if (!ok) throw new Error('A freshly signed token failed to verify: the benchmark measures nothing.');
    };
    const raw = await timeUs(ops, (i) => check(rawHmacCheck(secret, tokens[i]!)));
    const jose = await timeUs(ops, async (i) => check((await jwtVerify(tokens[i]!, current.key, options)).payload.user !== undefined));
    const cold = await timeUs(ops, async (i) => check((await verifyToken(config, tokens[i]!)).ok));
    const warm = await timeUs(ops, async () => check((await verifyToken(config, tokens[0]!)).ok));
    const accessCold = await timeUs(ops, async (i) => check((await verifyToken(config, accessTokens[i]!)).ok));
    const accessWarm = await timeUs(ops, async () => check((await verifyToken(config, accessTokens[0]!)).ok));
    if (batch === 0) continue; // warm-up
    samples.raw.push(raw);
    samples.jose.push(jose);
    samples.cold.push(cold);
    samples.warm.push(warm);
    samples.accessCold.push(accessCold);
    samples.accessWarm.push(accessWarm);
  }
  return {
    rawHmacUs: median(samples.raw),
    joseUs: median(samples.jose),
    verifyColdUs: median(samples.cold),
    verifyWarmUs: median(samples.warm),
    accessColdUs: median(samples.accessCold),
    accessWarmUs: median(samples.accessWarm),
    opsPerBatch: ops,
    batches,
  };
}
