import type { articleMethods } from '../../../common/api/methods/articles.ts';
import { getArticle, listArticles } from '../../services/articles.ts';
import type { HandlersFor } from './types.ts';

export const articleHandlers: HandlersFor<typeof articleMethods> = {
  'articles.list': ({ library }, input) => listArticles(library, input),
  'articles.get': ({ library }, input) => getArticle(library, input.id),
};
