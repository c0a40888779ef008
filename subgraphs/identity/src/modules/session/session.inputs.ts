import { PageArgs } from '@trae/kit';
import { ArgsType } from 'type-graphql';

@ArgsType()
export class SessionsArgs extends PageArgs() {}
