/**
 * When checked transactions keep failing (several app servers routing to the same hot queue,
 * each invalidating the others' copies), each group would pay twice: a failed check, then the
 * locked retry. The meter keeps a decaying count of recent check failures; above the threshold
 * routing starts with locks, and as locked groups go by the count decays, so checked
 * transactions are tried again once the contention is gone.
 */
export class ConflictMeter {
  private score = 0;

  constructor(
    private readonly threshold = 3,
    private readonly decay = 0.9,
  ) {}

  /** A checked transaction committed (true) or failed its check (false). */
  checked(committed: boolean): void {
    this.score = this.score * this.decay + (committed ? 0 : 1);
  }

  /** A group went through the locked path first. */
  locked(): void {
    this.score *= this.decay;
  }

  /** Start the next group with locks? */
  preferLocked(): boolean {
    return this.score > this.threshold;
  }
}
