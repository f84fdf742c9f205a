import type { InvalidTokenReason } from '@/lib/contract';

/** A reason named in a step's text, checked against the contract: a renamed reason is a type error here. */
export function Reason({ name }: { name: InvalidTokenReason }) {
  return <code>{name}</code>;
}
