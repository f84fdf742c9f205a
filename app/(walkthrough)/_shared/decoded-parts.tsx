import styles from './decoded-parts.module.css';

/**
 * A token's header and payload as JSON, side by side. Given a `shape` (a header and payload of the
 * claims to come), each block holds the shape's lines whatever the token holds, so that a new
 * token moves nothing: its lines scroll rather than wrap, and the block takes focus so a keyboard
 * can scroll it.
 */
export function DecodedParts({
  header,
  payload,
  shape,
  className,
}: {
  header: object;
  payload: object;
  shape?: { header: object; payload: object };
  className?: string;
}) {
  return (
    <div className={className ? `${styles.decoded} ${className}` : styles.decoded}>
      <div>
        <h4 className="jwt-header">Header</h4>
        <Json value={header} shape={shape?.header} />
      </div>
      <div>
        <h4 className="jwt-payload">Payload</h4>
        <Json value={payload} shape={shape?.payload} />
      </div>
    </div>
  );
}

function Json({ value, shape }: { value: object; shape?: object }) {
  const json = (of: object) => JSON.stringify(of, null, 2);
  if (shape === undefined) {
    return (
      <pre className="code">
        <code>{json(value)}</code>
      </pre>
    );
  }
  return (
    <pre className={`code holds-longest ${styles.held}`} data-longest={json(shape)} tabIndex={0}>
      <code>{json(value)}</code>
    </pre>
  );
}
