/**
 * One routing of a diagram's edges, as a job that can run on either thread: layout.ts routes
 * several arrangements of one diagram and keeps the best, and when a render lays out several
 * diagrams half of them are routed on the ELK thread (elk-thread.ts, worker.ts). The router is
 * deterministic and keeps no state between jobs, so a job gives the same points on either thread.
 */
import { type Box, type Point, type RouteRequest, type RouterOptions, routeEdges } from './route.js';

export interface RouteJob {
  obstacles: Box[];
  /** In the order they are routed. */
  requests: RouteRequest[];
  options: RouterOptions;
}

/** A job sent to the ELK thread, and its answer (`route` is the job's number). */
export interface RouteAsk {
  route: number;
  job: RouteJob;
}
export interface RouteAnswer {
  route: number;
  points?: Point[][];
  error?: string;
}

/** The routed points of every request of `job`, in the job's order. */
export function routeJob(job: RouteJob): Point[][] {
  return routeEdges(job.obstacles, job.requests, job.options);
}
