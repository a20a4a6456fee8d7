// What a mock statement line can look like; amounts are pence magnitudes, the sign comes from the account kind.

export interface TxTemplate {
  description: string;
  merchant?: string;
  category: string;
  classification: string[];
  type: 'DEBIT' | 'CREDIT';
  min: number;
  max: number;
}

const t = (
  description: string,
  category: string,
  classification: string[],
  type: 'DEBIT' | 'CREDIT',
  min: number,
  max: number,
  merchant?: string,
): TxTemplate => ({ description, category, classification, type, min, max, ...(merchant ? { merchant } : {}) });

export const CURRENT_TEMPLATES: readonly TxTemplate[] = [
  t('TESCO STORES 2041', 'PURCHASE', ['Shopping', 'Groceries'], 'DEBIT', 450, 9000, 'Tesco'),
  t('SAINSBURYS S/MKTS', 'PURCHASE', ['Shopping', 'Groceries'], 'DEBIT', 300, 7500, "Sainsbury's"),
  t('TFL TRAVEL CH', 'PURCHASE', ['Transport', 'Public Transport'], 'DEBIT', 170, 1400, 'Transport for London'),
  t('PRET A MANGER', 'PURCHASE', ['Food & Dining'], 'DEBIT', 250, 1200, 'Pret A Manger'),
  t('AMAZON.CO.UK*2K4', 'PURCHASE', ['Shopping'], 'DEBIT', 599, 8999, 'Amazon'),
  t('LINK ATM CASH', 'ATM', [], 'DEBIT', 1000, 10000),
  t('BRITISH GAS DD', 'DIRECT_DEBIT', ['Bills and Utilities', 'Gas'], 'DEBIT', 4000, 9500, 'British Gas'),
  t('LONDON BORO COUNCIL TAX', 'BILL_PAYMENT', ['Bills and Utilities'], 'DEBIT', 9000, 16000),
  t('MONTHLY ACCOUNT FEE', 'FEE_CHARGE', [], 'DEBIT', 300, 300),
  t('SALARY ACME LTD', 'CREDIT', ['Income'], 'CREDIT', 150000, 320000),
  t('TRANSFER FROM J SMITH', 'TRANSFER', [], 'CREDIT', 1000, 25000),
];

export const SAVINGS_TEMPLATES: readonly TxTemplate[] = [
  t('INTEREST PAID', 'INTEREST', ['Income'], 'CREDIT', 40, 2500),
  t('TRANSFER FROM CURRENT ACC', 'TRANSFER', [], 'CREDIT', 5000, 50000),
  t('TRANSFER TO CURRENT ACC', 'TRANSFER', [], 'DEBIT', 5000, 40000),
];

export const CARD_TEMPLATES: readonly TxTemplate[] = [
  t('AMAZON MARKETPLACE', 'PURCHASE', ['Shopping'], 'DEBIT', 799, 12999, 'Amazon'),
  t('NETFLIX.COM', 'PURCHASE', ['Entertainment', 'Movies & DVDs'], 'DEBIT', 1099, 1799, 'Netflix'),
  t('SHELL MOTORWAY SVCS', 'PURCHASE', ['Auto & Transport', 'Gas & Fuel'], 'DEBIT', 2500, 8000, 'Shell'),
  t('COSTA COFFEE', 'PURCHASE', ['Food & Dining', 'Coffee shops'], 'DEBIT', 250, 900, 'Costa Coffee'),
  t('BOOKING.COM HOTEL', 'PURCHASE', ['Travel'], 'DEBIT', 6000, 45000, 'Booking.com'),
  t('REFUND AMAZON MARKETPLACE', 'CREDIT', ['Shopping'], 'CREDIT', 799, 5000, 'Amazon'),
  t('PAYMENT RECEIVED - THANK YOU', 'TRANSFER', [], 'CREDIT', 10000, 60000),
];
