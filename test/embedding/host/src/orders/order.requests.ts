import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** `POST /orders`. */
export class PlaceOrderRequest {
  @Matches(/^[a-z0-9-]{1,40}$/)
  orderId: string;

  @IsString()
  customer: string;
}

/** `POST /orders/:orderId/items`. */
export class AddItemRequest {
  @IsString()
  sku: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  quantity: number;

  @IsInt()
  @Min(0)
  unitPriceCents: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

/** `POST /orders/:orderId/ship`. */
export class ShipOrderRequest {
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

/** `GET /order-totals?minPosition=`. */
export class TotalsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  minPosition?: number;
}
