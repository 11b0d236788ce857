import { IsEmailAddress, IsODataType } from './method-validation.decorators.js';

const ODATA_TYPE = '#microsoft.graph.emailAuthenticationMethod';

/** `POST {u}/authentication/emailMethods` */
export class CreateEmailMethodDto {
  @IsODataType(ODATA_TYPE)
  '@odata.type'?: string;

  @IsEmailAddress({ required: true })
  emailAddress: string;
}

/** `PATCH {u}/authentication/emailMethods/{id}` */
export class UpdateEmailMethodDto {
  @IsODataType(ODATA_TYPE)
  '@odata.type'?: string;

  @IsEmailAddress({ required: false })
  emailAddress?: string;
}
