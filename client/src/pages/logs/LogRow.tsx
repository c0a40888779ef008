import { StatusBadge } from '../../components/StatusBadge';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { formatTime } from '../../lib/format';

export const LogRow_line = graphql(`
  fragment LogRow_line on LogEntry {
    id
    time
    service
    level
    message
    requestId
    userId
    context
  }
`);

/** The open row's details get this much room; longer ones scroll inside it. */
export const DETAILS_HEIGHT = 260;

interface Props {
  line: FragmentType<typeof LogRow_line>;
  expanded: boolean;
  onToggle(): void;
  /** Narrow the explorer to one field's value (a request id, a user, a status, ...). */
  onFilter(field: 'requestId' | 'userId' | 'status' | 'service', value: string): void;
}

const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

/** One log line: a summary that opens to every field, with links that follow a request or a user. */
export function LogRow({ expanded, onToggle, onFilter, ...props }: Props) {
  const line = getFragmentData(LogRow_line, props.line);
  const { method, url, status, ms } = line.context;
  const detailsId = `log-details-${line.id}`;
  return (
    <div className={`log-row${expanded ? ' log-row-open' : ''}`}>
      <div className="log-line">
        <button
          type="button"
          className="log-toggle"
          aria-expanded={expanded}
          aria-controls={expanded ? detailsId : undefined}
          onClick={onToggle}
        >
          <time dateTime={line.time}>{formatTime(line.time)}</time>
          <StatusBadge status={line.level} tone={line.level === 'INFO' ? 'info' : undefined} />
          <span className="log-service">{line.service}</span>
          {typeof method === 'string' && (
            <span className="log-http">
              {method} {String(url ?? '')} {String(status ?? '')}
              {typeof ms === 'number' ? ` ${ms} ms` : ''}
            </span>
          )}
          <span className="log-message">{line.message}</span>
        </button>
        {line.requestId && (
          <button
            type="button"
            className="link-button log-request"
            title={`Follow request ${line.requestId} across every service`}
            onClick={() => onFilter('requestId', line.requestId as string)}
          >
            {short(line.requestId)}
          </button>
        )}
      </div>
      {expanded && (
        <dl id={detailsId} className="log-details" style={{ height: DETAILS_HEIGHT }}>
          <dt>time</dt>
          <dd>{line.time}</dd>
          <dt>service</dt>
          <dd>
            <button type="button" className="link-button" onClick={() => onFilter('service', line.service)}>
              {line.service}
            </button>
          </dd>
          {line.requestId && (
            <>
              <dt>request id</dt>
              <dd>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onFilter('requestId', line.requestId as string)}
                >
                  {line.requestId}
                </button>{' '}
                <span className="muted">(every service’s lines of this request)</span>
              </dd>
            </>
          )}
          {line.userId && (
            <>
              <dt>user</dt>
              <dd>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onFilter('userId', line.userId as string)}
                >
                  {line.userId}
                </button>
              </dd>
            </>
          )}
          {Object.entries(line.context).map(([field, value]) => (
            <Field key={field} field={field} value={value} onFilter={onFilter} />
          ))}
        </dl>
      )}
    </div>
  );
}

function Field({ field, value, onFilter }: { field: string; value: unknown } & Pick<Props, 'onFilter'>) {
  return (
    <>
      <dt>{field}</dt>
      <dd>
        {field === 'status' && typeof value === 'number' ? (
          <button type="button" className="link-button" onClick={() => onFilter('status', String(value))}>
            {value}
          </button>
        ) : (
          <pre>{shown(value)}</pre>
        )}
      </dd>
    </>
  );
}
