import { graphql } from '../gql';

export const SnapshotFieldsFragment = graphql(`
  fragment SnapshotFields on MetricsSnapshot {
    time
    workers
    services {
      service
      up
      requestRate
      errorRate
      latencyP50
      latencyP95
      latencyP99
      cpu
      memoryBytes
      eventLoopLag
      subscriptions
    }
    queues {
      agent
      waiting
      active
      delayed
      failed
    }
  }
`);

export const LatestMetricsDocument = graphql(`
  query LatestMetrics {
    latestMetrics {
      ...SnapshotFields
    }
  }
`);

export const MetricsTickDocument = graphql(`
  subscription MetricsTick {
    metricsTick {
      ...SnapshotFields
    }
  }
`);

export const SystemHealthDocument = graphql(`
  query SystemHealth {
    systemHealth {
      status
      checkedAt
      components {
        name
        kind
        status
        latencyMs
        version
        error
        detail
        checkedAt
        uptime
      }
    }
  }
`);

export const MetricSeriesDocument = graphql(`
  query MetricSeries($name: String!, $service: String, $from: DateTime, $to: DateTime, $step: Int) {
    metricSeries(name: $name, service: $service, from: $from, to: $to, step: $step) {
      time
      service
      value
    }
  }
`);
