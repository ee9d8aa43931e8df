/** A refusal of the orders feature, with the HTTP status the host's filter answers it with. */
export class OrderError extends Error {
  constructor(
    readonly status: number,
    readonly problem: string,
    message: string,
  ) {
    super(message);
  }

  static notFound(orderId: string): OrderError {
    return new OrderError(404, 'order-not-found', `Order ${orderId} does not exist`);
  }

  static alreadyPlaced(orderId: string): OrderError {
    return new OrderError(409, 'order-exists', `Order ${orderId} is placed already`);
  }

  static shipped(orderId: string): OrderError {
    return new OrderError(409, 'order-shipped', `Order ${orderId} has shipped`);
  }

  static empty(orderId: string): OrderError {
    return new OrderError(422, 'order-empty', `Order ${orderId} has no items to ship`);
  }
}
