import Link from 'next/link';

/** The way back from the account pages. Not prefetched: that would fetch the walkthrough's scripts with these pages. */
export function WalkthroughNav() {
  return (
    <nav className="intro">
      <Link href="/" prefetch={false}>
        ← The walkthrough
      </Link>
    </nav>
  );
}
