import { ApiProperty } from '@nestjs/swagger';

/** Response of every account command. */
export class AccountCommandResponseDto {
  @ApiProperty({ example: 'acc-123' })
  accountId: string;

  @ApiProperty({ description: "The account's stream version after the command", example: 2 })
  version: number;

  @ApiProperty({ description: 'Global position of the last event appended', example: 17 })
  position: number;

  @ApiProperty({ description: 'Id of the last event appended', example: '0192f3c4-7d1e-7a4b-9d2c-1f2e3d4c5b6a' })
  eventId: string;

  @ApiProperty({ description: 'Balance after the command, in major units', example: 1500 })
  balance: number;
}
