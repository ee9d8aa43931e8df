/** The outcome of every account command (SPEC 2, Commands). Money in major units. */
export interface AccountCommandResult {
  accountId: string;
  /** The account's stream version after the command. */
  version: number;
  /** Global position of the last event appended. */
  position: number;
  /** Id of the last event appended. */
  eventId: string;
  balance: number;
}
