import { ApiProperty } from '@nestjs/swagger';

class ImportConflictDto {
  @ApiProperty({ example: 'acc-123' })
  aggregateId: string;

  @ApiProperty({ example: 'the stream is at version 4, and the import continues it from version 1' })
  reason: string;
}

export class ImportEventsResponseDto {
  @ApiProperty({ type: 'integer', description: 'Events appended', example: 1200 })
  importedEvents: number;

  @ApiProperty({ type: 'integer', description: 'Streams that received events', example: 100 })
  importedStreams: number;

  @ApiProperty({
    type: 'integer',
    description: 'Events of the file stored already as they are (same id, stream and version), as when an import is sent again: not appended again',
    example: 0,
  })
  alreadyStoredEvents: number;

  @ApiProperty({ type: 'integer', description: 'Streams refused (nothing of them appended)', example: 1 })
  conflictCount: number;

  @ApiProperty({ type: [ImportConflictDto], description: 'The first 100 refused streams, and why' })
  conflicts: ImportConflictDto[];
}
