import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccountIdPipe } from '../common/dto/account-id.pipe.js';
import { ACCOUNT_ID_PATTERN } from '../common/dto/api-properties.js';
import { ACCOUNT_EVENTS_EXAMPLE, EventResponseDto } from '../common/dto/event.response.dto.js';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { NoQueryParameters } from '../common/http/no-query-parameters.js';
import type { ErrorCode } from '../common/errors/error-code.js';
import { ValidationFailedError } from '../common/errors/validation-failed.error.js';
import type { StoredEvent } from '../eventstore/event-envelope.js';
import type { Snapshot } from '../eventstore/snapshot.js';
import type { AccountView } from './queries/get-account/account.view.js';
import { ACCOUNT_EXAMPLE, AccountResponseDto } from './queries/get-account/account.response.dto.js';
import { GetAccountQuery } from './queries/get-account/get-account.query.js';
import { GetAccountRequestDto } from './queries/get-account/get-account.request.dto.js';
import { GetAccountEventsQuery } from './queries/get-account-events/get-account-events.query.js';
import { GetAccountEventsRequestDto } from './queries/get-account-events/get-account-events.request.dto.js';
import { GetAccountSnapshotQuery } from './queries/get-account-snapshot/get-account-snapshot.query.js';
import { SNAPSHOT_EXAMPLE, SnapshotResponseDto } from './queries/get-account-snapshot/snapshot.response.dto.js';

const ACCOUNT_ID_PARAM = {
  name: 'accountId',
  description: 'Account identifier',
  schema: { type: 'string' as const, pattern: ACCOUNT_ID_PATTERN.source, minLength: 1, maxLength: 64, example: 'acc-123' },
};

/** Errors every account read can give. */
const ACCOUNT_READ_ERRORS: ErrorCode[] = ['VALIDATION_FAILED', 'UNAUTHORIZED', 'ACCOUNT_NOT_FOUND', 'STORE_UNAVAILABLE'];

/** Account reads: HTTP in, QueryBus out. */
@ApiBearerAuth()
@Controller()
export class AccountQueriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('queries/account/:accountId')
  @ApiTags('Queries')
  @ApiOperation({
    operationId: 'getAccount',
    summary: 'Get an account',
    description:
      'Current state rebuilt from the latest snapshot plus newer events, with the newest `limit` transactions. ' +
      'Time travel with `atVersion` or `asOf` (not both); 404 when the account did not exist yet.',
  })
  @ApiParam(ACCOUNT_ID_PARAM)
  @ApiResponse({ status: 200, type: AccountResponseDto, description: 'The account', example: ACCOUNT_EXAMPLE })
  @ApiErrorResponses(...ACCOUNT_READ_ERRORS)
  getAccount(@Param('accountId', AccountIdPipe) accountId: string, @Query() params: GetAccountRequestDto): Promise<AccountView> {
    if (params.atVersion !== undefined && params.asOf !== undefined) {
      throw new ValidationFailedError('atVersion and asOf cannot be combined', [
        { field: 'asOf', problems: ['cannot be combined with atVersion'] },
      ]);
    }
    return this.queryBus.execute(new GetAccountQuery(accountId, params.limit ?? 50, params.atVersion, params.asOf));
  }

  @Get('events/account/:accountId')
  @ApiTags('Events')
  @ApiOperation({
    operationId: 'getAccountEvents',
    summary: "Get an account's events",
    description: 'Its events in stream version order, upcast to the current schemas, paged by `fromVersion` and `limit`.',
  })
  @ApiParam(ACCOUNT_ID_PARAM)
  @ApiResponse({ status: 200, type: [EventResponseDto], description: "The account's events", example: ACCOUNT_EVENTS_EXAMPLE })
  @ApiErrorResponses(...ACCOUNT_READ_ERRORS)
  getAccountEvents(
    @Param('accountId', AccountIdPipe) accountId: string,
    @Query() params: GetAccountEventsRequestDto,
  ): Promise<StoredEvent[]> {
    return this.queryBus.execute(new GetAccountEventsQuery(accountId, params.fromVersion ?? 1, params.limit ?? 1000));
  }

  @Get('snapshots/account/:accountId')
  @ApiTags('Queries')
  @ApiOperation({
    operationId: 'getAccountSnapshot',
    summary: "Get an account's latest snapshot",
    description: 'Taken automatically every SNAPSHOT_EVERY events (default 10); 404 SNAPSHOT_NOT_FOUND before the first.',
  })
  @ApiParam(ACCOUNT_ID_PARAM)
  @ApiResponse({ status: 200, type: SnapshotResponseDto, description: 'The latest snapshot', example: SNAPSHOT_EXAMPLE })
  @ApiErrorResponses(...ACCOUNT_READ_ERRORS, 'SNAPSHOT_NOT_FOUND')
  getSnapshot(@Param('accountId', AccountIdPipe) accountId: string, @NoQueryParameters() _query: undefined): Promise<Snapshot> {
    return this.queryBus.execute(new GetAccountSnapshotQuery(accountId));
  }
}
