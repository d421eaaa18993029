// Made-up but plausible plates and vehicle / face attributes.
import type { SimRandom } from "./random";

// No I, O, Q: plate alphabets avoid letters that read as digits.
const LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
const DIGITS = "0123456789";
// L = letter, D = digit: a few common national layouts.
const PATTERNS = ["LLLDDDD", "LLDDLLL", "DLLLDDD", "LLDDDD", "DDDDLLL", "LLLDDD"];

/** A plate number such as `KTR0815` or `AB12CDE`. */
export function makePlate(rand: SimRandom): string {
  let plate = "";
  for (const slot of rand.pick(PATTERNS)) plate += rand.pick(slot === "L" ? LETTERS : DIGITS);
  return plate;
}

export interface VehicleAttributes {
  type: string;
  color: string;
  brand: string;
  model: string;
}

const MODELS: ReadonlyArray<readonly [string, string]> = [
  ["Toyota", "Toyota_Camry"], ["Volvo", "Volvo_XC60"], ["Ford", "Ford_Explorer"], ["Tesla", "Tesla_ModelS"],
  ["Honda", "Honda_Civic"], ["Volkswagen", "Volkswagen_Golf"], ["GMC", "GMC_SAVANA"],
];
const COLORS = ["white", "black", "grey", "silver", "blue", "red"];
// IPC `carAttr/type` and NVR `carAttribute/carType` use different words.
const IPC_TYPES = ["saloon car", "suv", "mpv", "pickup", "van"];
const NVR_TYPES = ["sedan", "suv", "mpv", "truck", "van"];

export function makeVehicle(rand: SimRandom, format: "ipc" | "nvr"): VehicleAttributes {
  const [brand, model] = rand.pick(MODELS);
  return { type: rand.pick(format === "ipc" ? IPC_TYPES : NVR_TYPES), color: rand.pick(COLORS), brand, model };
}

export interface FaceWords {
  age: string;
  sex: string;
  glasses: string;
  mask: string;
}

export function makeFace(rand: SimRandom): FaceWords {
  return {
    age: rand.pick(["young", "middleAged", "elderly"]),
    sex: rand.pick(["male", "female"]),
    glasses: rand.pick(["yes", "no"]),
    mask: rand.pick(["yes", "no"]),
  };
}
