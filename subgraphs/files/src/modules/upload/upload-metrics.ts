import { Counter, type Registry } from 'prom-client';

export type UploadOutcome = 'stored' | 'refused' | 'interrupted';

/** Upload outcomes and stored bytes, on the service's /metrics once `register` is called. */
export class UploadMetrics {
  private readonly uploads = new Counter({
    name: 'files_uploads_total',
    help: 'Uploads by outcome: stored, refused (size, type) or interrupted (client gone, stalled)',
    labelNames: ['outcome'],
    registers: [],
  });
  private readonly bytes = new Counter({
    name: 'files_uploaded_bytes_total',
    help: 'Bytes of uploads that were stored',
    registers: [],
  });

  register(registry: Registry): void {
    registry.registerMetric(this.uploads);
    registry.registerMetric(this.bytes);
  }

  record(outcome: UploadOutcome, size = 0): void {
    this.uploads.inc({ outcome });
    if (outcome === 'stored') this.bytes.inc(size);
  }
}
