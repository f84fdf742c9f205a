import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/dal';
import { SignInForm } from './sign-in-form';
import { WalkthroughNav } from '../account/walkthrough-nav';

export const metadata: Metadata = { title: 'Sign in' };

// The form posts to a Server Action that checks the password as POST /auth/login does: the same
// directory, hashing and throttle. A user who is signed in already goes on to /account.
export default async function SignIn() {
  if (await getCurrentUser()) redirect('/account');
  return (
    <>
      <WalkthroughNav />
      <main>
        <h1>Sign in</h1>
        <p>In development the users are alice (admin) and bob (user), password <code>password</code>.</p>
        <SignInForm />
      </main>
    </>
  );
}
