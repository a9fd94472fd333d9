import type { SearchDocument } from '../../src/platform/search/index.ts';

/** One rights guide per language, each written as its readers would write it, for the full-text search's tests. */
export const RIGHTS_GUIDES: readonly SearchDocument[] = [
  {
    kind: 'learn.guide',
    id: 'contracts',
    language: 'en',
    title: 'Cancelling your contract',
    body: 'You may cancel a mobile contract at the end of its minimum term. Your operator must confirm the cancellation in writing.',
    url: '/learn/guides/contracts?lang=en',
  },
  {
    kind: 'learn.guide',
    id: 'contracts',
    language: 'fr',
    title: 'Résilier votre contrat',
    body: "La résiliation d'un contrat mobile est possible à la fin de la durée minimale. L'opérateur doit confirmer la résiliation par écrit.",
    url: '/learn/guides/contracts?lang=fr',
  },
  {
    kind: 'learn.guide',
    id: 'contracts',
    language: 'es',
    title: 'Cancelar su contrato',
    body: 'Puede cancelar un contrato móvil al final del plazo mínimo. El operador debe confirmar la cancelación por escrito.',
    url: '/learn/guides/contracts?lang=es',
  },
  {
    kind: 'learn.guide',
    id: 'rights',
    language: 'ar',
    title: 'حقوق المستهلك في خدمات الاتصالات',
    body: 'يحق لكل مستهلك الحصول على فاتورة واضحة. إذا رفض المشغل شكواك، يمكنك رفعها إلى الهيئة المنظمة.',
    url: '/learn/guides/rights?lang=ar',
  },
  {
    kind: 'learn.guide',
    id: 'rights',
    language: 'zh',
    title: '电信消费者指南',
    body: '每位用户都有权获得清晰的账单。如果运营商拒绝您的投诉，您可以向监管机构申诉，维护自己的合法权益。',
    url: '/learn/guides/rights?lang=zh',
  },
  {
    kind: 'learn.guide',
    id: 'rights',
    language: 'ru',
    title: 'Права потребителей услуг связи',
    body: 'Каждый абонент имеет право на понятный счёт. Если оператор отклонил жалобу, обратитесь к регулятору.',
    url: '/learn/guides/rights?lang=ru',
  },
];
