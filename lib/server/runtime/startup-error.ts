/** A fault at start-up that the user can fix; printed as one line, exit code 1, no stack. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}
