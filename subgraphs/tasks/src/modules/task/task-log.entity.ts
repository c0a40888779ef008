import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { JSONScalar } from '@trae/kit';
import { Field, ObjectType, registerEnumType } from 'type-graphql';

export const TaskLogLevel = { DEBUG: 'DEBUG', INFO: 'INFO', WARN: 'WARN', ERROR: 'ERROR' } as const;
export type TaskLogLevel = (typeof TaskLogLevel)[keyof typeof TaskLogLevel];
registerEnumType(TaskLogLevel, { name: 'TaskLogLevel' });

@ObjectType({ description: 'A line an agent wrote while running a task.' })
@Entity({ tableName: 'task_logs' })
export class TaskLog {
  @PrimaryKey({ type: 'bigint' })
  id: string;

  @Property({ type: 'uuid' })
  taskId: string;

  @Field(() => TaskLogLevel)
  @Property({ type: 'string' })
  level: TaskLogLevel;

  @Field(() => String)
  @Property({ type: 'text' })
  message: string;

  @Field(() => JSONScalar, { nullable: true })
  @Property({ type: 'json', nullable: true })
  data: unknown;

  @Field(() => Date)
  @Property({ type: 'datetime' })
  createdAt: Date;
}
