import { graphql } from '../gql';

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
