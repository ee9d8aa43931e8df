/** A configuration value that cannot be used; the message names the variable and never echoes a secret. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    shown: string,
    expected: string,
  ) {
    super(`Invalid configuration: ${variable}=${shown}; expected ${expected}`);
    this.name = 'ConfigError';
  }
}
