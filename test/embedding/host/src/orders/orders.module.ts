import { type DynamicModule, Module, type ModuleMetadata, type OnModuleInit } from '@nestjs/common';
import { EventUpcasters } from 'event-sourced-bank/eventstore';
import { ITEM_ADDED_V1 } from './events/order-events.js';
import { OrderRepository } from './order.repository.js';
import { OrderTotalsProjection } from './order-totals.projection.js';
import { OrdersController } from './orders.controller.js';

/** The host's event-sourced orders: give it the store and projections modules it should use. */
@Module({})
export class OrdersModule implements OnModuleInit {
  constructor(private readonly upcasters: EventUpcasters) {}

  static register(imports: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return { module: OrdersModule, imports, controllers: [OrdersController], providers: [OrderRepository, OrderTotalsProjection] };
  }

  /** Before anything reads the log: older `ItemAdded` shapes are read as current ones. */
  onModuleInit(): void {
    this.upcasters.register(ITEM_ADDED_V1);
  }
}
