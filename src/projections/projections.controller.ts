import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { NoQueryParameters } from '../common/http/no-query-parameters.js';
import { MinPositionQuery } from './min-position.query.dto.js';
import { GetProjectionStatusQuery } from './queries/get-projection-status/get-projection-status.query.js';
import type { ErrorCode } from '../common/errors/error-code.js';
import { AdminOnly } from '../common/http/access.decorators.js';
import {
  ACCOUNT_BALANCES_EXAMPLE,
  AccountBalanceDto,
  AccountBalancesResponseDto,
} from './account-balances/account-balances.response.dto.js';
import { GetAccountBalancesQuery } from './account-balances/get-account-balances.query.js';
import { GetAccountBalancesRequestDto } from './account-balances/get-account-balances.request.dto.js';
import { RebuildProjectionCommand } from './commands/rebuild-projection/rebuild-projection.command.js';
import { RebuildProjectionRequestDto } from './commands/rebuild-projection/rebuild-projection.request.dto.js';
import {
  REBUILD_PROJECTION_EXAMPLE,
  RebuildProjectionResponseDto,
} from './commands/rebuild-projection/rebuild-projection.response.dto.js';
import { DAILY_SUMMARY_EXAMPLE, DaySummaryDto, DailySummaryResponseDto } from './daily-summary/daily-summary.response.dto.js';
import { GetDailySummaryQuery } from './daily-summary/get-daily-summary.query.js';
import { GetDailySummaryRequestDto } from './daily-summary/get-daily-summary.request.dto.js';
import type { ProjectionStatus } from './projection-status.js';
import { ListProjectionsQuery } from './queries/list-projections/list-projections.query.js';
import { PROJECTIONS_EXAMPLE, ProjectionStatusResponseDto } from './queries/list-projections/projection-status.response.dto.js';
import { GetTransactionHistoryQuery } from './transaction-history/get-transaction-history.query.js';
import { GetTransactionHistoryRequestDto } from './transaction-history/get-transaction-history.request.dto.js';
import {
  TRANSACTION_HISTORY_EXAMPLE,
  TransactionHistoryResponseDto,
} from './transaction-history/transaction-history.response.dto.js';

/** Errors every projection route can give. */
const PROJECTION_ERRORS: ErrorCode[] = ['UNAUTHORIZED', 'STORE_UNAVAILABLE'];

/** Reads of a read model also take query parameters and wait for `minPosition`. */
const READ_ERRORS: ErrorCode[] = [...PROJECTION_ERRORS, 'VALIDATION_FAILED', 'TIMEOUT'];

/** Projection status, reads and rebuilds: HTTP in, buses out. */
@ApiTags('Projections')
@ApiBearerAuth()
@ApiExtraModels(AccountBalanceDto, DaySummaryDto)
@Controller('projections')
export class ProjectionsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Get()
  @ApiOperation({
    operationId: 'listProjections',
    summary: 'List projections',
    description: 'Status, position, lag, last error and rebuild progress of every projection.',
  })
  @ApiResponse({ status: 200, type: [ProjectionStatusResponseDto], description: 'Every projection', example: PROJECTIONS_EXAMPLE })
  @ApiErrorResponses(...PROJECTION_ERRORS)
  list(@NoQueryParameters() _query: undefined): Promise<ProjectionStatus[]> {
    return this.queryBus.execute(new ListProjectionsQuery());
  }

  @Get('AccountBalances')
  @ApiOperation({
    operationId: 'getAccountBalances',
    summary: 'Account balances',
    description: 'Balance of each account (or of `accountId` only); page with `after` and `limit`.',
  })
  @ApiResponse({ status: 200, type: AccountBalancesResponseDto, description: 'The AccountBalances read model', example: ACCOUNT_BALANCES_EXAMPLE })
  @ApiErrorResponses(...READ_ERRORS)
  accountBalances(@Query() params: GetAccountBalancesRequestDto) {
    return this.queryBus.execute(new GetAccountBalancesQuery(params.accountId, params.after, params.limit ?? 1000, params.minPosition, params.source));
  }

  @Get('TransactionHistory')
  @ApiOperation({
    operationId: 'getTransactionHistory',
    summary: 'Transaction history',
    description: 'Deposits and withdrawals of every account (or of `accountId`) in position order with the balance after each.',
  })
  @ApiResponse({
    status: 200,
    type: TransactionHistoryResponseDto,
    description: 'The TransactionHistory read model',
    example: TRANSACTION_HISTORY_EXAMPLE,
  })
  @ApiErrorResponses(...READ_ERRORS)
  transactionHistory(@Query() params: GetTransactionHistoryRequestDto) {
    return this.queryBus.execute(new GetTransactionHistoryQuery(params.accountId, params.after ?? 0, params.limit ?? 100, params.minPosition));
  }

  @Get('DailySummary')
  @ApiOperation({
    operationId: 'getDailySummary',
    summary: 'Daily summary',
    description: 'Deposits, withdrawals and net change per UTC day, and over all days; opening balances count as deposits.',
  })
  @ApiResponse({ status: 200, type: DailySummaryResponseDto, description: 'The DailySummary read model', example: DAILY_SUMMARY_EXAMPLE })
  @ApiErrorResponses(...READ_ERRORS)
  dailySummary(@Query() params: GetDailySummaryRequestDto) {
    return this.queryBus.execute(new GetDailySummaryQuery(params.from, params.to, params.minPosition));
  }

  @Get(':name')
  @ApiOperation({
    operationId: 'getProjectionStatus',
    summary: 'Status of another projection',
    description:
      'A projection without a read route of its own here (e.g. Stats, read at GET /stats, the TransferProcess that ' +
      'finishes transfers, or a host application\'s) answers with its status, once it has applied `minPosition` when given; ' +
      'an unknown name is 404 PROJECTION_NOT_FOUND naming the known projections.',
  })
  @ApiParam({ name: 'name', description: 'Name of the projection', schema: { type: 'string', example: 'Stats' } })
  @ApiResponse({ status: 200, type: ProjectionStatusResponseDto, description: 'Its status', example: PROJECTIONS_EXAMPLE[3] })
  @ApiErrorResponses(...READ_ERRORS, 'PROJECTION_NOT_FOUND')
  other(@Param('name') name: string, @Query() params: MinPositionQuery): Promise<ProjectionStatus> {
    return this.queryBus.execute(new GetProjectionStatusQuery(name, params.minPosition));
  }

  @Post('rebuild')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rebuildProjection',
    summary: 'Rebuild a projection',
    description:
      'Replays every event into a fresh copy while writes go on, catches it up to the head and swaps it in atomically. ' +
      'Readers see the old copy until the swap. Progress shows in GET /projections. Needs ADMIN_TOKEN when it is set.',
  })
  @ApiBody({
    type: RebuildProjectionRequestDto,
    examples: {
      seed: { summary: "The brief's rebuild of AccountBalances", value: { name: 'AccountBalances' } },
      replay: { summary: "The brief's event replay workflow", value: { name: 'TransactionHistory' } },
    },
  })
  @ApiResponse({ status: 200, type: RebuildProjectionResponseDto, description: 'Rebuilt and swapped in', example: REBUILD_PROJECTION_EXAMPLE })
  @ApiErrorResponses(...PROJECTION_ERRORS, 'VALIDATION_FAILED', 'MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'PROJECTION_NOT_FOUND')
  rebuild(@Body() body: RebuildProjectionRequestDto) {
    return this.commandBus.execute(new RebuildProjectionCommand(body.name));
  }
}
