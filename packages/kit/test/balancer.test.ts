import { describe, expect, it } from 'vitest';
import { isServing, parseHaproxyStats } from '../src/balancer.js';

/** The first columns of HAProxy 2.6's `/stats;csv`, rows as it writes them. */
const CSV = `# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,
public,FRONTEND,,,0,1,20000,3,0,0,0,0,0,,,,,OPEN,,,,
tasks,tasks1,0,0,0,1,,2,0,0,,0,,0,0,0,0,UP,1,1,0,
tasks,tasks2,0,0,0,0,,0,0,0,,0,,0,0,0,0,DOWN,1,1,0,
tasks,tasks3,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP 1/2,1,1,0,
tasks,BACKEND,0,0,0,1,2000,2,0,0,0,0,,0,0,0,0,UP,2,2,0,
tasks-worker,tasks-worker1,0,0,0,0,,0,0,0,,0,,0,0,0,0,no check,1,1,0,
tasks-worker,tasks-worker2,0,0,0,0,,0,0,0,,0,,0,0,0,0,MAINT,1,1,0,
`;

describe('HAProxy statistics', () => {
  it('lists every server with its state, without the frontend and backend totals', () => {
    const servers = parseHaproxyStats(CSV);

    expect(servers).toEqual([
      { backend: 'tasks', server: 'tasks1', status: 'UP' },
      { backend: 'tasks', server: 'tasks2', status: 'DOWN' },
      { backend: 'tasks', server: 'tasks3', status: 'UP 1/2' },
      { backend: 'tasks-worker', server: 'tasks-worker1', status: 'no check' },
      { backend: 'tasks-worker', server: 'tasks-worker2', status: 'MAINT' },
    ]);
    expect(servers.filter(isServing).map((s) => s.server)).toEqual(['tasks1', 'tasks3', 'tasks-worker1']);
  });

  it('refuses text that is not its CSV', () => {
    expect(() => parseHaproxyStats('<html>stats</html>')).toThrow('not HAProxy CSV statistics');
  });
});
