import { HealthGrid } from '../../monitoring/HealthGrid';
import { LivePanel } from './LivePanel';
import { OpenErrors } from './OpenErrors';
import { RecentTasks } from './RecentTasks';

export default function OverviewPage() {
  return (
    <section className="page" aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <section aria-labelledby="health-title">
        <h2 id="health-title">Health</h2>
        <HealthGrid kinds={['SERVICE', 'WORKER', 'DATABASE', 'REDIS', 'QUEUE', 'EXTERNAL']} />
      </section>
      <LivePanel />
      <div className="columns">
        <RecentTasks />
        <OpenErrors />
      </div>
    </section>
  );
}
