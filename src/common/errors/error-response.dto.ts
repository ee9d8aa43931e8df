import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_HTTP_STATUS, type ErrorCode } from './error-code.js';

/** One problem of a VALIDATION_FAILED error. */
export class ValidationProblemDto {
  @ApiProperty({ example: 'amount' })
  field: string;

  @ApiProperty({ example: ['amount must be a number conforming to the specified constraints'] })
  problems: string[];
}

/** The JSON body of every error response: clients branch on `code`, never on `message`. */
export class ErrorResponseDto {
  @ApiProperty({ example: 422 })
  statusCode: number;

  @ApiProperty({ enum: Object.keys(ERROR_HTTP_STATUS), example: 'INSUFFICIENT_FUNDS' })
  code: ErrorCode;

  @ApiProperty({ example: 'Account acc-123 has a balance of 100, less than the 200 requested' })
  message: string;

  @ApiProperty({ description: 'HTTP reason phrase', example: 'Unprocessable Entity' })
  error: string;

  @ApiPropertyOptional({ type: [ValidationProblemDto], description: 'Each invalid field (VALIDATION_FAILED only)' })
  details?: ValidationProblemDto[];

  @ApiPropertyOptional({ description: "The account's current version (VERSION_CONFLICT only)", example: 5 })
  currentVersion?: number;

  @ApiPropertyOptional({ description: 'The position the projection reached (TIMEOUT only)', example: 40 })
  lastProcessedVersion?: number;
}
