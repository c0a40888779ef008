import { Connection } from '@trae/kit';
import { ContentItem } from './content-item.entity.js';

export const ContentItemConnection = Connection(ContentItem);
