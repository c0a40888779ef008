export {
  binaries as embeddedPostgresBinaries,
  type EmbeddedPg,
  type EmbeddedPgOptions,
  ownForPostgres,
  startEmbeddedPostgres,
  walArchiveSettings,
} from './embedded-pg.js';
export { type AdminCredentials, adminBanner, formatLogLine, parseFirstAdmin } from './format.js';
export { type KeepRunningOptions, type KeptRunning, keepRunning, type Restartable } from './keep-running.js';
export { type Platform, type PlatformOptions, startPlatform } from './platform.js';
export { freePort, freePorts, isPortFree } from './ports.js';
export { findOnPath, type RedisServer, startRedisServer } from './redis-server.js';
export { findRepoRoot } from './repo.js';
export { DEFAULT_RESTARTS, type RestartEvent, type RestartPolicy } from './restarts.js';
export { SERVICES, type ServiceSpec } from './services.js';
export { type ExitInfo, LaunchError, Supervised } from './supervisor.js';
