// The camera simulator's programmatic API (the CLI, the demo and the benchmark use it).
export { generateBody, defaultDevice } from "./generate";
export { EVENT_TYPES, resolveEventType, formatOfType, eventTypeNames, type EventType } from "./event-types";
export { runSimulation, type SimulationOptions, type SimulationSummary, type PostReport } from "./client";
export { CameraConnection, type CameraConnectionOptions } from "./camera";
export {
  generatorFeed, scenarioFeed, filesFeed, labelOf,
  type Feed, type FeedFactory, type FeedStep, type PostLabel, type FileBody, type ScenarioFeedOptions,
} from "./feed";
export { SCENARIOS, scenarioSteps, type ScenarioName, type ScenarioStep } from "./scenarios";
export type { PostOutcome } from "./post";
export type { LatencySummary } from "./latency";
export * from "./sim-types";
