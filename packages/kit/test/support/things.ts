import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';

/** The smallest service schema: one table, one migration (test/fixtures/v6-things.sql was made with it). */
@Entity({ tableName: 'things' })
export class Thing {
  @PrimaryKey({ type: 'integer' })
  id: number;

  @Property({ type: 'string' })
  name: string;
}

export class CreateThings extends Migration {
  override async up() {
    this.addSql('create table things (id serial primary key, name text not null)');
  }
}
