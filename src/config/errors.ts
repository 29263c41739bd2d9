// Errors a user can fix: each has a stable code, names the file, flag or field, and carries a hint.

/** A usage or configuration error; the CLI prints `message` (and `hint`) and exits 2. */
export class UserError extends Error {
  /** Stable machine-readable code such as INC_PROFILE_FIELD. */
  readonly code: string;
  /** One short suggestion for fixing it, or undefined. */
  readonly hint?: string;

  constructor(code: string, message: string, hint?: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.hint = hint;
  }
}

/** A profile file that cannot be used: unknown key, wrong type, unparseable YAML, missing query. */
export class ProfileError extends UserError {
  constructor(file: string, field: string, problem: string, hint?: string) {
    super('INC_PROFILE', `${file}: ${field ? `${field}: ` : ''}${problem}`, hint);
    this.name = 'ProfileError';
  }
}

/** A bad command-line flag value. */
export class FlagError extends UserError {
  constructor(flag: string, problem: string, hint?: string) {
    super('INC_FLAG', `${flag}: ${problem}`, hint);
    this.name = 'FlagError';
  }
}
