import 'reflect-metadata';

export * from './auth.js';
export * from './config.js';
export * from './db.js';
export * from './errors.js';
export * from './federation.js';
export * from './health.js';
export * from './internal.js';
export * from './logger.js';
export * from './metrics.js';
export * from './pagination.js';
export * from './pubsub.js';
export * from './redis.js';
export * from './request.js';
export * from './run.js';
export * from './service.js';
export * from './streams.js';
export * from './ws.js';
