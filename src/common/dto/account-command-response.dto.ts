import { ApiProperty } from '@nestjs/swagger';

/** Response of every account command. */
export class AccountCommandResponseDto {
  @ApiProperty({ example: 'acc-123' })
  accountId: string;

  @ApiProperty({ type: 'integer', description: "The account's stream version after the command", example: 2 })
  version: number;

  @ApiProperty({ type: 'integer', description: 'Global position of the last event appended', example: 17 })
  position: number;

  @ApiProperty({ description: 'Id of the last event appended', example: '0192f3c4-7d1e-7a4b-9d2c-1f2e3d4c5b6a' })
  eventId: string;

  @ApiProperty({ description: 'Balance after the command, in major units', example: 1500 })
  balance: number;
}

/** The brief's acc-123 story, step by step: opened with 1000, 500 deposited, 200 withdrawn. */
export const ACCOUNT_COMMAND_EXAMPLES = {
  openAccount: { accountId: 'acc-123', version: 1, position: 1, eventId: 'evt-001', balance: 1000 },
  deposit: { accountId: 'acc-123', version: 2, position: 2, eventId: 'evt-002', balance: 1500 },
  withdraw: { accountId: 'acc-123', version: 3, position: 3, eventId: 'evt-003', balance: 1300 },
  closeAccount: { accountId: 'acc-999', version: 5, position: 42, eventId: 'evt-042', balance: 0 },
} satisfies Record<string, AccountCommandResponseDto>;
