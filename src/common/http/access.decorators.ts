import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';

/** Metadata key of {@link Public}. */
export const PUBLIC_ROUTE = 'bank:public-route';
/** Metadata key of {@link AdminOnly}. */
export const ADMIN_ROUTE = 'bank:admin-route';

/** Name of the OpenAPI security scheme of `API_TOKEN` (`@ApiBearerAuth()`'s default name). */
export const API_TOKEN_SCHEME = 'bearer';
/** Name of the OpenAPI security scheme of `ADMIN_TOKEN`. */
export const ADMIN_TOKEN_SCHEME = 'adminToken';

/** The route (or every route of the controller) needs no token even when `API_TOKEN` is set. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The route (or every route of the controller) is an admin route: when `ADMIN_TOKEN` is set it needs
 * `Authorization: Bearer <ADMIN_TOKEN>`; without `ADMIN_TOKEN` it is guarded like any other route.
 */
export const AdminOnly = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ADMIN_ROUTE, true), ApiBearerAuth(ADMIN_TOKEN_SCHEME));
