import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { readableError } from '../lib/errors';
import { AuthLayout } from './AuthLayout';
import { VerifyEmailDocument } from './account/account.operations';

/** The emailed `/verify-email?token=` link: spends the token once, on arrival. */
export function VerifyEmailPage() {
  const token = useSearchParams()[0].get('token') ?? '';
  const [verify] = useMutation(VerifyEmailDocument);
  const [result, setResult] = useState<{ ok: true } | { message: string } | null>(null);
  // Strict mode runs effects twice; the token is single use.
  const spent = useRef(false);

  useEffect(() => {
    if (spent.current) return;
    spent.current = true;
    if (!token) {
      setResult({ message: 'This link has no token.' });
      return;
    }
    verify({ variables: { token } })
      .then(() => setResult({ ok: true }))
      .catch((error: unknown) => setResult({ message: readableError(error).message }));
  }, [token, verify]);

  return (
    <AuthLayout title="Email verification">
      {!result && <p role="status">Checking the link…</p>}
      {result && 'ok' in result && <p role="status">Your email address is verified.</p>}
      {result && 'message' in result && <p role="alert">The address was not verified: {result.message}</p>}
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </AuthLayout>
  );
}
