// Child-process entry of the camera fleet: the cameras run on their own event loop, so reply
// latencies are what a camera sees even while a flow node blocks Node-RED's loop, and the parent's
// handle counts contain only Node-RED's side of the sockets.
import { Fleet, type FleetOptions, type FleetResult } from "./fleet";

export type ToFleet = { type: "start"; options: FleetOptions } | { type: "stop" };
export type FromFleet = { type: "started" } | { type: "done"; result: FleetResult };

let fleet: Fleet | undefined;

const send = (message: FromFleet): void => {
  process.send?.(message);
};

process.on("message", (message: ToFleet) => {
  if (message.type === "start" && fleet === undefined) {
    fleet = new Fleet(message.options);
    send({ type: "started" });
  } else if (message.type === "stop" && fleet !== undefined) {
    void fleet.stop().then((result) => {
      send({ type: "done", result });
      process.disconnect();
    });
  }
});
// The parent going away ends the cameras too.
process.on("disconnect", () => process.exit(0));
