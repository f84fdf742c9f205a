/**
 * A token's header and payload as JSON, side by side. With `scrolls`, their lines do not wrap
 * (the stylesheet of `className` says so), and each block takes focus so a keyboard can scroll it.
 */
export function DecodedParts({
  header,
  payload,
  className,
  scrolls = false,
}: {
  header: object;
  payload: object;
  className?: string;
  scrolls?: boolean;
}) {
  const tabIndex = scrolls ? 0 : undefined;
  return (
    <div className={className ? `decoded ${className}` : 'decoded'}>
      <div>
        <h4 className="jwt-header">Header</h4>
        <pre className="code" tabIndex={tabIndex}>
          <code>{JSON.stringify(header, null, 2)}</code>
        </pre>
      </div>
      <div>
        <h4 className="jwt-payload">Payload</h4>
        <pre className="code" tabIndex={tabIndex}>
          <code>{JSON.stringify(payload, null, 2)}</code>
        </pre>
      </div>
    </div>
  );
}
