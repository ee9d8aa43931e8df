import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../eventsourcing/command-context.js';
import { IdentifierPipe } from '../common/dto/account-id.pipe.js';
import { ACCOUNT_ID_PATTERN } from '../common/dto/api-properties.js';
import { ApiErrorResponses } from '../common/errors/api-error-responses.decorator.js';
import { CommandCtx } from '../common/http/command-context.decorator.js';
import { COMMAND_ERRORS, CommandRoutes, REPLAYED_HEADER } from '../common/http/command-route.decorators.js';
import { NoQueryParameters } from '../common/http/no-query-parameters.js';
import { IdempotencyGate } from '../common/idempotency/idempotency.gate.js';
import { toMinorUnits } from '../common/money/money.js';
import type { TransferAccepted } from './commands/transfer-money/transfer-accepted.js';
import { TransferAcceptedResponseDto } from './commands/transfer-money/transfer-accepted.response.dto.js';
import { TransferMoneyCommand } from './commands/transfer-money/transfer-money.command.js';
import { TransferMoneyRequestDto } from './commands/transfer-money/transfer-money.request.dto.js';
import { GetTransferQuery } from './queries/get-transfer/get-transfer.query.js';
import { TRANSFER_EXAMPLE, TransferResponseDto } from './queries/get-transfer/transfer.response.dto.js';
import type { TransferView } from './queries/get-transfer/transfer.view.js';

/** Transfers: the command that starts one, and the query of where it stands. */
@CommandRoutes()
@Controller()
export class TransfersController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly idempotency: IdempotencyGate,
  ) {}

  @Post('commands/transfer')
  @HttpCode(202)
  @ApiTags('Commands')
  @ApiOperation({
    operationId: 'transfer',
    summary: 'Transfer money between accounts',
    description:
      'Withdraws the amount from `fromAccountId` at once (refused, appending nothing, when that account is missing, ' +
      'closed or short of funds) and answers 202 `pending`. The deposit to `toAccountId` follows from the event log; ' +
      'if the target refuses it (missing or closed), the source is refunded and the transfer fails. Either way it ends ' +
      'exactly once, also across a restart: follow it at `GET /queries/transfers/{transferId}`. The same `transferId` ' +
      'with the same accounts and amount answers with the existing transfer; with others, 409.',
  })
  @ApiBody({
    type: TransferMoneyRequestDto,
    examples: {
      transfer: { summary: 'Move 250 from acc-123 to acc-456', value: { fromAccountId: 'acc-123', toAccountId: 'acc-456', amount: 250 } },
      withId: {
        summary: 'With your own transfer id, safe to send again',
        value: { fromAccountId: 'acc-123', toAccountId: 'acc-456', amount: 250, transferId: 'rent-2026-01' },
      },
    },
  })
  @ApiResponse({
    status: 202,
    type: TransferAcceptedResponseDto,
    description: 'The amount left the source; the transfer is under way',
    headers: REPLAYED_HEADER,
    example: { transferId: TRANSFER_EXAMPLE.transferId, status: 'pending' },
  })
  @ApiErrorResponses(...COMMAND_ERRORS, 'ACCOUNT_NOT_FOUND', 'ACCOUNT_CLOSED', 'INSUFFICIENT_FUNDS', 'SAME_ACCOUNT')
  transfer(@Body() body: TransferMoneyRequestDto, @CommandCtx() context: CommandContext): Promise<TransferAccepted> {
    const command = new TransferMoneyCommand(body.fromAccountId, body.toAccountId, toMinorUnits(body.amount), body.transferId, context);
    return this.idempotency.run(context.idempotency, () => this.commandBus.execute(command));
  }

  @Get('queries/transfers/:transferId')
  @ApiTags('Queries')
  @ApiOperation({
    operationId: 'getTransfer',
    summary: 'Get a transfer',
    description: 'The transfer and where it stands: `pending`, `completed`, or `failed` with the `reason` the target refused.',
  })
  @ApiParam({
    name: 'transferId',
    description: 'Transfer identifier',
    schema: { type: 'string', pattern: ACCOUNT_ID_PATTERN.source, minLength: 1, maxLength: 64, example: TRANSFER_EXAMPLE.transferId },
  })
  @ApiResponse({ status: 200, type: TransferResponseDto, description: 'The transfer', example: TRANSFER_EXAMPLE })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHORIZED', 'TRANSFER_NOT_FOUND', 'STORE_UNAVAILABLE')
  getTransfer(@Param('transferId', new IdentifierPipe('transferId')) transferId: string, @NoQueryParameters() _query: undefined): Promise<TransferView> {
    return this.queryBus.execute(new GetTransferQuery(transferId));
  }
}
