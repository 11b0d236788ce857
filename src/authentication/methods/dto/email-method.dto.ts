import { IsODataType } from '../../../graph/validation/odata-type.decorator.js';
import { BAD_REQUEST_CONTEXT } from '../../authentication.errors.js';
import { IsEmailAddress } from './method-validation.decorators.js';

const ODATA_TYPE = '#microsoft.graph.emailAuthenticationMethod';

/** `POST {u}/authentication/emailMethods` */
export class CreateEmailMethodDto {
  @IsODataType(ODATA_TYPE, BAD_REQUEST_CONTEXT)
  '@odata.type'?: string;

  @IsEmailAddress({ required: true })
  emailAddress: string;
}

/** `PATCH {u}/authentication/emailMethods/{id}` */
export class UpdateEmailMethodDto {
  @IsODataType(ODATA_TYPE, BAD_REQUEST_CONTEXT)
  '@odata.type'?: string;

  @IsEmailAddress({ required: false })
  emailAddress?: string;
}
