/**
 * Name words so common worldwide that sharing one says little about identity. A list's own token
 * frequencies decide rarity on large lists; this prior keeps a small list (where every word looks
 * rare) from treating a shared MOHAMMED or SMITH as strong evidence.
 */
export const COMMON_NAME_TOKENS = new Set([
  'MOHAMMED', 'MOHAMMAD', 'MOHAMED', 'MUHAMMAD', 'MUHAMMED', 'MOHAMAD', 'AHMED', 'AHMAD', 'ALI', 'HASSAN',
  'HUSSEIN', 'HUSSAIN', 'HUSAIN', 'ABDUL', 'ABD', 'ABDEL', 'ABU', 'BIN', 'BINT', 'IBN', 'AL', 'EL', 'UL', 'UD',
  'DIN', 'KHAN', 'MAHMOUD', 'OMAR', 'IBRAHIM', 'YUSUF', 'YOUSSEF', 'MUSTAFA', 'FATIMA', 'AISHA', 'MARIAM',
  'SMITH', 'JONES', 'BROWN', 'JOHNSON', 'WILLIAMS', 'TAYLOR', 'DAVIES', 'WILSON', 'MILLER', 'DAVIS', 'GARCIA',
  'RODRIGUEZ', 'MARTINEZ', 'HERNANDEZ', 'LOPEZ', 'GONZALEZ', 'PEREZ', 'SANCHEZ', 'MARTIN', 'SILVA', 'SANTOS',
  'FERREIRA', 'PEREIRA', 'OLIVEIRA', 'COSTA', 'JOHN', 'JAMES', 'DAVID', 'MICHAEL', 'ROBERT', 'WILLIAM', 'MARY',
  'MARIA', 'ANNA', 'JOSE', 'JUAN', 'CARLOS', 'LUIS', 'ANA', 'WANG', 'LI', 'ZHANG', 'LIU', 'CHEN', 'YANG',
  'HUANG', 'ZHAO', 'WU', 'ZHOU', 'NGUYEN', 'TRAN', 'LE', 'PHAM', 'KIM', 'LEE', 'PARK', 'CHOI', 'SINGH', 'KAUR',
  'KUMAR', 'SHARMA', 'PATEL', 'DEVI', 'IVANOV', 'IVANOVA', 'SMIRNOV', 'PETROV', 'ALEXANDER', 'ALEKSANDR',
  'DE', 'DA', 'DOS', 'DAS', 'DEL', 'LA', 'VAN', 'VON', 'DER', 'DEN', 'MC', 'MAC', 'O',
]);
