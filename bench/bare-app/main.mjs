// The floor for the deposit benchmark: a bare NestJS app on the same Express platform with one POST
// route, a global ValidationPipe and a class-validator DTO, no store. Plain JS ESM with the decorators
// applied by hand (what TypeScript's emitted `__decorate` / `design:paramtypes` would do), so it needs
// no build step. Env: PORT (default 3100).
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsNumber, IsString } from 'class-validator';

/** { accountId: string, amount: number } */
export class DepositDto {}
Reflect.decorate([IsString()], DepositDto.prototype, 'accountId', undefined);
Reflect.decorate([IsNumber()], DepositDto.prototype, 'amount', undefined);

export class BareController {
  deposit(body) {
    return { accountId: body.accountId, amount: body.amount, ok: true };
  }
}
// Parameter decorator first (as TypeScript emits it), then the method decorators and its param types.
Body()(BareController.prototype, 'deposit', 0);
Reflect.defineMetadata('design:paramtypes', [DepositDto], BareController.prototype, 'deposit');
Reflect.decorate(
  [Post('deposit'), HttpCode(200)],
  BareController.prototype,
  'deposit',
  Object.getOwnPropertyDescriptor(BareController.prototype, 'deposit'),
);
Reflect.decorate([Controller('bare')], BareController);

export class BareModule {}
Reflect.decorate([Module({ controllers: [BareController] })], BareModule);

const app = await NestFactory.create(BareModule, { logger: false });
// The same validation options as the service's pipe (src/common/http/validation.pipe.ts), without its
// custom error mapping: the floor pays for the same whitelist/transform work per request.
app.useGlobalPipes(
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
  }),
);
await app.listen(Number(process.env.PORT ?? 3100));
