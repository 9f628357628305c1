/** What intrinsic functions take from the execution instead of reading the outside world. */
export interface IntrinsicEnv {
  /** A uniformly distributed number in [0, 1) (States.MathRandom without a seed). */
  random(): number;
  /** A fresh RFC 4122 version-4 UUID (States.UUID). */
  uuid(): string;
}
