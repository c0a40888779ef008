/** The authenticator app's enrolment: the QR code to scan and the same key to type by hand. */
export function TotpQr({ enrolment }: { enrolment: { qrCodeDataUrl: string; secret: string } }) {
  return (
    <>
      <p>Scan this with your authenticator app, then type the code it shows.</p>
      <img src={enrolment.qrCodeDataUrl} alt="QR code for your authenticator app" width={200} height={200} />
      <p>
        Or type this key by hand: <code className="secret">{enrolment.secret}</code>
      </p>
    </>
  );
}
