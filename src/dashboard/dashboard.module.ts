import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller.js';

/** `GET /dashboard`: a live page over the service's API (it needs nothing but the API itself). */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
