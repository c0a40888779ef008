import { useMutation } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../auth/AuthProvider';
import { ConfirmOidcLinkDocument } from '../auth/auth.operations';
import { readableError } from '../lib/errors';

/**
 * The end of linking a provider (`linkOidcProvider`): identity links it only when the person signed in
 * here is the one who started, so the code is confirmed with this session, once it is restored.
 */
export function OidcLinkConfirm({ code }: { code: string }) {
  const { status } = useSession();
  const [confirm] = useMutation(ConfirmOidcLinkDocument);
  const [result, setResult] = useState<{ ok: true } | { message: string } | null>(null);
  const spent = useRef(false);

  useEffect(() => {
    if (status !== 'signedIn' || spent.current) return;
    spent.current = true;
    confirm({ variables: { code } })
      .then(() => setResult({ ok: true }))
      .catch((error: unknown) => setResult({ message: readableError(error).message }));
  }, [status, code, confirm]);

  if (status === 'signedOut')
    return (
      <p role="alert">
        Sign in first, then start linking the provider again. <Link to="/login">Sign in</Link>
      </p>
    );
  if (!result) return <p>Linking the provider…</p>;
  if ('message' in result)
    return (
      <p role="alert">
        The provider was not linked: {result.message} <Link to="/">Back to the dashboard</Link>
      </p>
    );
  return (
    <p>
      Linked: you can now sign in with this provider too. <Link to="/account">Back to your account</Link>
    </p>
  );
}
